using System.Collections.Concurrent;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Training;

/// <summary>
/// Runs the trainer as a recorded run: <see cref="QueueAsync"/> files the run in the store (Queued, with its configuration,
/// group key and provenance); <see cref="Run"/> trains it on the caller's thread and records everything the trainer
/// reports (start and dataset, every metrics.csv value, train/loss_step, heartbeats, checkpoints, log lines, the run
/// folder's files, the test evaluation) and how it ended. The CLI and the dashboard's queue both train through it.
/// </summary>
public sealed class TrainingRunner(IRunRecorder recorder, TimeProvider time)
{
    /// <summary>The run's log in its folder.</summary>
    public const string LogFileName = "train.log";

    /// <summary>The tag that lists what could not be recorded at the end of a run (absent when everything was).</summary>
    public const string NotRecordedTag = "not-recorded";

    /// <summary>Log lines kept in memory per run.</summary>
    public const int LogTailLength = 200;

    private readonly ConcurrentDictionary<long, LogTail> _tails = new();

    /// <summary>
    /// A run logged a line. Raised from the recording pump (never from the training thread), in order per run;
    /// handlers must be quick and must not throw.
    /// </summary>
    public event EventHandler<TrainingLogLine>? LogLine;

    /// <summary>The last <see cref="LogTailLength"/> lines a run trained by this runner logged (empty when none).</summary>
    public IReadOnlyList<TrainingLogLine> RecentLog(long runId) =>
        _tails.TryGetValue(runId, out var tail) ? tail.Snapshot() : [];

    /// <summary>Creates the run's row (status Queued) and returns its ID; nothing is trained yet.</summary>
    /// <exception cref="ArgumentException">A name is empty or too long (the recorder's checks).</exception>
    public async Task<long> QueueAsync(TrainerOptions options, RunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        var config = TrainingRunConfig.ToJson(options);
        var configJson = config.ToJsonString();
        return await recorder.CreateRunAsync(new NewRun
        {
            Experiment = string.IsNullOrWhiteSpace(request.Experiment) ? "default" : request.Experiment,
            Name = options.ExpName,
            ConfigJson = configJson,
            ParametersJson = configJson,
            Tags = request.Tags ?? new Dictionary<string, string>(),
            Notes = request.Notes,
            GroupKey = TrainingRunConfig.GroupKey(options),
            Status = RunStatus.Queued,
            Provenance = ProvenanceInfo.Capture(Compute(options.Device)),
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Trains run <paramref name="runId"/> (queued by <see cref="QueueAsync"/>) with <paramref name="options"/> on this
    /// thread, and returns once everything is recorded and the run is Completed, Cancelled or Failed. Store writes never
    /// hold up training: a pump task does them in order and is drained before this returns. Events also go to
    /// <paramref name="also"/> (a console progress line, say) on the training thread. If the run is cancelled,
    /// <paramref name="cancellationReason"/> (when given) says why (a signal, say): logged and kept as the run's message.
    /// </summary>
    /// <exception cref="TrainingSetupException">The options, data or device were refused; the run is Failed with the
    /// message.</exception>
    public TrainingResult Run(long runId, TrainerOptions options, CancellationToken ct, ITrainingObserver? also = null,
        Func<string?>? cancellationReason = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tail = _tails.GetOrAdd(runId, _ => new LogTail(LogTailLength));
        var observer = new RunRecordingObserver(runId, options, recorder, time, also, line =>
        {
            tail.Add(line);
            LogLine?.Invoke(this, line);
        });
        TrainingResult result;
        try
        {
            result = Trainer.Run(options, observer, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled while the data was being scanned, before training began.
            var reason = Said(observer, cancellationReason);
            observer.Enqueue(() => EndAsync(runId, TrainingStatus.Cancelled, reason));
            observer.FlushAsync().GetAwaiter().GetResult();
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Setup refused (or an unexpected error): the run ends Failed with the message, and the caller hears it too.
            var message = ex is TrainingSetupException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            observer.Log($"failed: {message}");
            observer.Enqueue(() => EndAsync(runId, TrainingStatus.Failed, message));
            observer.FlushAsync().GetAwaiter().GetResult();
            throw;
        }

        var cancelled = result.Status == TrainingStatus.Cancelled ? Said(observer, cancellationReason) : null;
        observer.FlushAsync().GetAwaiter().GetResult();
        try
        {
            FinishAsync(runId, result, cancelled).GetAwaiter().GetResult();
        }
        catch (IOException ex)
        {
            // The recorder could not be reached (a tracker server gone away): the run folder is complete, and the
            // caller hears it as a recording line rather than losing the training result.
            LogLine?.Invoke(this, new TrainingLogLine(runId, time.GetUtcNow(), $"recording: how the run ended was not recorded: {ex.Message}"));
        }

        return result;
    }

    private static string? Said(RunRecordingObserver observer, Func<string?>? cancellationReason)
    {
        var reason = cancellationReason?.Invoke();
        if (reason is not null)
        {
            observer.Log(reason);
        }

        return reason;
    }

    private async Task FinishAsync(long runId, TrainingResult result, string? cancelReason)
    {
        var none = CancellationToken.None;
        var folder = Path.GetFullPath(result.RunFolder);
        var bestPath = result.State.Best.Count > 0 ? Path.GetFullPath(result.State.Best[0].Path) : null;
        var problems = new List<string>();
        await TryAsync(problems, () => recorder.AddArtifactAsync(runId, new ArtifactInfo(folder, RunRecorder.RunFolderArtifactKind), none));
        foreach (var (file, kind) in new[]
                 {
                     ("metrics.csv", "metrics"), ("training_config.json", "config"), ("training_summary.json", "summary"),
                     (LogFileName, "log"),
                 })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                await TryAsync(problems, () => recorder.AddArtifactAsync(runId, ArtifactInfo.FromFile(path, kind), none));
            }
        }

        // The trainer's total (training_summary.json's total_time_sec): what the comparison's "Training time" shows,
        // where the run's own duration would also count data loading and the test evaluation.
        var epochs = result.State.EpochsCompleted;
        await TryAsync(problems, () => recorder.AppendMetricsAsync(runId,
            [new MetricValue(TrainingTime.MetricKey, epochs, Math.Max(0, epochs - 1), result.State.ElapsedSeconds, time.GetUtcNow().UtcDateTime)], none));
        if (result.Test?.EvaluationPath is { } evaluation && File.Exists(evaluation))
        {
            await TryAsync(problems, () => recorder.AddArtifactAsync(runId, ArtifactInfo.FromFile(evaluation, "evaluation"), none));
            await TryAsync(problems, () => recorder.AddEvaluationFileAsync(runId, evaluation, bestPath, none));
        }

        if (problems.Count > 0)
        {
            // What could not be recorded is said on the run (as a tag, so the user's notes stay as they are).
            var text = string.Join("; ", problems);
            await TryAsync(problems, () => recorder.SetTagAsync(runId, NotRecordedTag, text.Length > 1000 ? text[..1000] : text, none));
        }

        await EndAsync(runId, result.Status, result.Failure ?? cancelReason).ConfigureAwait(false);
    }

    private Task EndAsync(long runId, TrainingStatus status, string? failure)
    {
        var none = CancellationToken.None;
        return status switch
        {
            TrainingStatus.Completed => recorder.CompleteAsync(runId, none),
            TrainingStatus.Cancelled => recorder.CancelAsync(runId, failure, none),
            _ => recorder.FailAsync(runId, failure ?? "training failed", none),
        };
    }

    private static async Task TryAsync(List<string> problems, Func<Task> record)
    {
        try
        {
            await record().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException
                                       or InvalidOperationException)
        {
            problems.Add(ex.Message);
        }
    }

    private static ComputeInfo Compute(string device)
    {
        try
        {
            var selected = DeviceSelector.Select(device);
            return new ComputeInfo(typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3), selected.TorchVersion, selected.Name);
        }
        catch (ArgumentException)
        {
            // An impossible device is refused when the run starts; the queued row simply has no compute values.
            return new ComputeInfo(typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3));
        }
    }
}
