using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Live;
using VmatTracker.Runs.Options;
using VmatTracker.Runs.Queue;
using VmatTracker.Web.Components.Controls;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// One run: status, progress, tags, live charts of its loss terms and validation metrics, its latest evaluation and
/// how it was made. New metric points reach the charts through <see cref="RunEvents"/> without a reload; other
/// changes (status, checkpoints, evaluations) re-read the run.
/// </summary>
public sealed partial class RunPage : IDisposable
{
    private readonly ConcurrentQueue<MetricValue> _incoming = new();
    private RunDetail? _detail;
    private EvaluationView? _evaluation;
    private IReadOnlyList<MetricSeries> _lossSeries = [];
    private IReadOnlyList<MetricSeries> _metricSeries = [];
    private LiveMetricChart? _lossChart;
    private LiveMetricChart? _metricChart;
    private bool _missing;
    private bool _deleted;
    private volatile bool _detailStale;
    private volatile bool _batchChanged;
    private string? _newTagKey;
    private string? _newTagValue;
    private string? _tagProblem;
    private string? _actionProblem;
    private bool _stopRequested;
    private IDisposable? _subscription;
    private IDisposable? _queueSubscription;
    private IDisposable? _batchSubscription;
    private UpdateThrottle? _throttle;

    /// <summary>The run's ID, from the address.</summary>
    [Parameter]
    public long RunId { get; set; }

    /// <summary>Reads the run.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>Writes tags.</summary>
    [Inject]
    public required RunRecorder Recorder { get; init; }

    /// <summary>Live changes.</summary>
    [Inject]
    public required RunEvents Events { get; init; }

    /// <summary>Stops and cancels queued or running runs.</summary>
    [Inject]
    public required TrainingQueue TrainingQueue { get; init; }

    /// <summary>Resumes runs.</summary>
    [Inject]
    public required RunLauncher Launcher { get; init; }

    /// <summary>Opens a resumed run's page.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The batch within the epoch of a run this server trains.</summary>
    [Inject]
    public required LiveBatchProgress Batches { get; init; }

    /// <summary>The clock (for the ETA).</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Logs failed live updates.</summary>
    [Inject]
    public required ILogger<RunPage> Logger { get; init; }

    /// <summary>Whether a key belongs on the loss chart (every loss term) rather than the metrics chart.</summary>
    public static bool IsLoss(string key) => key.Contains("loss", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _queueSubscription?.Dispose();
        _batchSubscription?.Dispose();
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        // Subscribe before reading, so points committed while the series are read are queued, not lost; the charts
        // skip the ones the read already had (by step).
        _throttle = new UpdateThrottle(() => InvokeAsync(FlushAsync), TimeSpan.FromMilliseconds(200), Logger);
        _subscription = Events.Subscribe(OnRunChanged, OnMetricsAppended);
        _queueSubscription = TrainingQueue.Subscribe(() =>
        {
            // An evaluation job of this run started or ended: redraw its checkpoint's state (re-reading is cheap).
            _detailStale = true;
            _throttle.Signal();
        });
        _batchSubscription = Batches.Subscribe(id =>
        {
            if (id == RunId)
            {
                _batchChanged = true;
                _throttle.Signal();
            }
        });
        await ReadDetailAsync();
        var series = await Queries.GetSeriesAsync(RunId, null, CancellationToken.None);
        _lossSeries = [.. series.Where(s => IsLoss(s.Key))];
        _metricSeries = [.. series.Where(s => !IsLoss(s.Key))];
    }

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        // Points that arrived before the charts existed are drawn now that they do.
        if (_lossChart is not null && !_incoming.IsEmpty)
        {
            _throttle?.Signal();
        }
    }

    private void OnRunChanged(RunChange change)
    {
        if (change.RunId == RunId)
        {
            _detailStale = true;
            _deleted |= change.Kind == RunChangeKind.Deleted;
            _throttle?.Signal();
        }
    }

    private void OnMetricsAppended(MetricsAppended batch)
    {
        if (batch.RunId != RunId)
        {
            return;
        }

        foreach (var point in batch.Points)
        {
            _incoming.Enqueue(point);
        }

        _detailStale = true;
        _throttle?.Signal();
    }

    private async Task FlushAsync()
    {
        if (_lossChart is not null && _metricChart is not null)
        {
            var points = new List<MetricValue>();
            while (_incoming.TryDequeue(out var point))
            {
                points.Add(point);
            }

            await _lossChart.AppendAsync(points.Where(p => IsLoss(p.Key)));
            await _metricChart.AppendAsync(points.Where(p => !IsLoss(p.Key)));
        }

        var batchChanged = _batchChanged;
        _batchChanged = false;
        if (_detailStale)
        {
            _detailStale = false;
            await ReadDetailAsync();
            StateHasChanged();
        }
        else if (batchChanged)
        {
            // Only the progress line moved: redraw from what is read already.
            StateHasChanged();
        }
    }

    private async Task ReadDetailAsync()
    {
        _detail = await Queries.GetAsync(RunId, CancellationToken.None);
        _missing = _detail is null;
        var chosen = _detail?.ChosenEvaluation;
        if (chosen is null)
        {
            _evaluation = null;
        }
        else if (_evaluation?.Evaluation.Id != chosen.Evaluation.Id || _evaluation.Source != chosen.Description)
        {
            _evaluation = new EvaluationView(chosen.Evaluation, chosen.Description);
        }
    }

    private async Task AddTagAsync()
    {
        _tagProblem = null;
        try
        {
            await Recorder.SetTagAsync(RunId, _newTagKey ?? "", _newTagValue ?? "", CancellationToken.None);
            _newTagKey = _newTagValue = null;
        }
        catch (ArgumentException e)
        {
            _tagProblem = e.Message;
        }
    }

    /// <summary>The run's folder: its recorded run-folder artifact, else log_dir/exp_name from its configuration.</summary>
    private string? RunFolder
    {
        get
        {
            if (_detail is not { } detail)
            {
                return null;
            }

            if (detail.Artifacts.FirstOrDefault(a => a.Kind == RunRecorder.RunFolderArtifactKind) is { } folder)
            {
                return folder.Path;
            }

            try
            {
                return TrainerConfigReader.Read(detail.ConfigJson).RunFolder;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    private void Stop()
    {
        _stopRequested = TrainingQueue.Stop(RunId);
        _actionProblem = _stopRequested ? null : "This run is not training in this server.";
    }

    private async Task CancelQueuedAsync()
    {
        _actionProblem = await TrainingQueue.CancelAsync(RunId, CancellationToken.None) ? null : "This run is no longer waiting.";
    }

    private async Task ResumeAsync()
    {
        try
        {
            var resumed = await Launcher.ResumeAsync(RunId, CancellationToken.None);
            Navigation.NavigateTo($"runs/{resumed}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            _actionProblem = e.Message;
        }
    }

    private async Task EvaluateAsync(RunCheckpoint checkpoint)
    {
        try
        {
            await Launcher.QueueEvaluationAsync(RunId, checkpoint.Id, CancellationToken.None);
            _actionProblem = null;
        }
        catch (InvalidOperationException e)
        {
            _actionProblem = e.Message;
        }
    }

    private string? EvaluationState(RunCheckpoint checkpoint)
    {
        var key = QueuedRun.EvaluateKey(RunId, checkpoint.Path);
        var snapshot = TrainingQueue.Snapshot();
        return snapshot.Running.Any(j => j.Key == key) ? "evaluating"
            : snapshot.Waiting.Any(j => j.Key == key) ? "waiting"
            : TrainingQueue.Outcome(key);
    }

    private Task RemoveTagAsync(string key) => Recorder.SetTagAsync(RunId, key, null, CancellationToken.None);
}
