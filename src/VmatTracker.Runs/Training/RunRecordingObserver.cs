using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using EngineCheckpoint = VmatTracker.Engine.Training.CheckpointInfo;
using StoreCheckpoint = VmatTracker.Data.Recording.CheckpointInfo;

namespace VmatTracker.Runs.Training;

/// <summary>
/// Turns what the trainer reports into store writes without making the training thread wait: every event becomes a work
/// item on an unbounded channel that one pump task drains in order (start, dataset, metrics, checkpoints, log lines).
/// A store error is logged to the run's log and the run goes on; the trainer never sees it.
/// </summary>
internal sealed class RunRecordingObserver : ITrainingObserver, IAsyncDisposable
{
    /// <summary>train/loss_step is recorded every this many optimisation steps.</summary>
    public const int LossStepInterval = 10;

    /// <summary>Heartbeats are sent at most this often (a metric append counts as one too).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly long _runId;
    private readonly TrainerOptions _options;
    private readonly IRunRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ITrainingObserver? _also;
    private readonly Action<TrainingLogLine> _publish;
    private readonly List<string> _earlyLog = [];
    private readonly Task _pump;
    private StreamWriter? _logFile;
    private DateTimeOffset _lastHeartbeat;
    private double _bestRecorded = double.PositiveInfinity;

    public RunRecordingObserver(long runId, TrainerOptions options, IRunRecorder recorder, TimeProvider time, ITrainingObserver? also,
        Action<TrainingLogLine> publish)
    {
        _runId = runId;
        _options = options;
        _recorder = recorder;
        _time = time;
        _also = also;
        _publish = publish;
        _lastHeartbeat = time.GetUtcNow();
        _pump = Task.Run(PumpAsync);
    }

    public void RunStarted(TrainingStart start)
    {
        _also?.RunStarted(start);
        Enqueue(async () =>
        {
            await _recorder.StartAsync(_runId, CancellationToken.None).ConfigureAwait(false);
            OpenLogFile(start.RunFolder);
            var config = ReadConfig(Path.Combine(start.RunFolder, "training_config.json"));
            await _recorder.SetDatasetAsync(_runId, new DatasetInfo
            {
                Path = config.DatasetPath ?? Path.GetFullPath(_options.DataDir),
                Fingerprint = start.DatasetFingerprint,
                CaseCount = config.CaseCount ?? (start.Split.Train.Count + start.Split.Validation.Count + start.Split.Test.Count),
                TrainCaseIds = [.. start.Split.Train],
                ValidationCaseIds = [.. start.Split.Validation],
                TestCaseIds = [.. start.Split.Test],
            }, CancellationToken.None).ConfigureAwait(false);
            if (config.Site is { } site)
            {
                await _recorder.SetTagAsync(_runId, "site", site, CancellationToken.None).ConfigureAwait(false);
            }
        });
    }

    public void BatchCompleted(BatchProgress progress)
    {
        _also?.BatchCompleted(progress);
        var now = _time.GetUtcNow();
        if (progress.GlobalStep % LossStepInterval == 0)
        {
            _lastHeartbeat = now;
            var point = new MetricValue("train/loss_step", progress.GlobalStep, progress.Epoch, progress.Loss, now.UtcDateTime);
            Enqueue(() => _recorder.AppendMetricsAsync(_runId, [point], CancellationToken.None));
        }
        else if (now - _lastHeartbeat >= HeartbeatInterval)
        {
            _lastHeartbeat = now;
            Enqueue(() => _recorder.HeartbeatAsync(_runId, CancellationToken.None));
        }
    }

    public void EpochCompleted(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        _also?.EpochCompleted(epoch, metrics);
        var now = _time.GetUtcNow();
        _lastHeartbeat = now;
        var step = metrics.TryGetValue("step", out var s) ? (long)s : 0;
        // Every metrics.csv column but the two that index the row, as the importer reads a metrics.csv.
        var points = metrics.Where(m => m.Key is not ("epoch" or "step"))
            .Select(m => new MetricValue(m.Key, step, epoch, m.Value, now.UtcDateTime)).ToList();
        Enqueue(() => _recorder.AppendMetricsAsync(_runId, points, CancellationToken.None));
    }

    public void CheckpointSaved(EngineCheckpoint checkpoint)
    {
        _also?.CheckpointSaved(checkpoint);
        // The Engine's IsBest means "one of the best k"; the store's means "the run's best so far". A tie keeps the
        // earlier epoch, as the trainer's own ranking does (the checkpoint it evaluates the test set with).
        var isBest = checkpoint.IsBest && checkpoint.MonitorValue < _bestRecorded;
        if (isBest)
        {
            _bestRecorded = checkpoint.MonitorValue;
        }

        var info = new StoreCheckpoint(Path.GetFullPath(checkpoint.Path), checkpoint.Epoch, _options.Monitor,
            double.IsFinite(checkpoint.MonitorValue) ? checkpoint.MonitorValue : null, isBest);
        Enqueue(() => _recorder.AddCheckpointAsync(_runId, info, CancellationToken.None));
    }

    public void Log(string message)
    {
        _also?.Log(message);
        var line = new TrainingLogLine(_runId, _time.GetUtcNow(), message);
        Enqueue(() =>
        {
            WriteLog(line);
            return Task.CompletedTask;
        });
    }

    /// <summary>Queues work that runs after everything the trainer reported so far.</summary>
    public void Enqueue(Func<Task> work) => _work.Writer.TryWrite(work);

    /// <summary>Lets the pump finish the queued work and closes train.log; call once, after the trainer has returned.</summary>
    public async Task FlushAsync()
    {
        _work.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync().ConfigureAwait(false);
            _logFile = null;
        }
    }

    public ValueTask DisposeAsync() => new(FlushAsync());

    private async Task PumpAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The run's files are complete whatever the store says; keep training and say what was not recorded.
                WriteLog(new TrainingLogLine(_runId, _time.GetUtcNow(), $"recording: {ex.GetType().Name}: {ex.Message}"));
            }
        }
    }

    private void WriteLog(TrainingLogLine line)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{line.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {line.Message}");
        if (_logFile is null)
        {
            // Setup logs arrive before the run folder exists; they go to train.log when it opens (or nowhere when
            // setup fails, so a refused run leaves no folder behind).
            _earlyLog.Add(text);
        }
        else
        {
            _logFile.WriteLine(text);
        }

        _publish(line);
    }

    private void OpenLogFile(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        _logFile = new StreamWriter(Path.Combine(runFolder, TrainingRunner.LogFileName), append: true) { AutoFlush = true };
        _earlyLog.ForEach(_logFile.WriteLine);
        _earlyLog.Clear();
    }

    private static (string? Site, int? CaseCount, string? DatasetPath) ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null, null);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var site = root.TryGetProperty("site", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        int? count = null;
        string? folder = null;
        if (root.TryGetProperty("dataset", out var dataset) && dataset.ValueKind == JsonValueKind.Object)
        {
            count = dataset.TryGetProperty("n_cases", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : null;
            folder = dataset.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        }

        return (site, count, folder);
    }
}
