using System.Globalization;
using Microsoft.AspNetCore.Components;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Live;
using VmatTracker.Runs.Queue;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// The training queue: what is training (with Stop) and what waits, in order (move up or down, cancel). Redrawn when
/// the queue changes and when a run's status changes in the store (<see cref="RunEvents"/>).
/// </summary>
public sealed partial class Queue : IDisposable
{
    private TrainingQueueSnapshot _snapshot = new([], []);
    private IDisposable? _queueSubscription;
    private IDisposable? _eventSubscription;
    private UpdateThrottle? _throttle;

    /// <summary>The queue.</summary>
    [Inject]
    public required TrainingQueue TrainingQueue { get; init; }

    /// <summary>Status changes.</summary>
    [Inject]
    public required RunEvents Events { get; init; }

    /// <summary>Logs failed redraws.</summary>
    [Inject]
    public required ILogger<Queue> Logger { get; init; }

    /// <inheritdoc />
    public void Dispose()
    {
        _queueSubscription?.Dispose();
        _eventSubscription?.Dispose();
        _throttle?.Dispose();
    }

    /// <summary>A line about what a job does: what a run trains with, or which checkpoint it evaluates.</summary>
    public static string Describe(QueuedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Checkpoint is { } checkpoint)
        {
            return $"Evaluate checkpoint {Path.GetFileName(checkpoint.Path)} on the test split · {run.Options.DataDir}";
        }

        var o = run.Options;
        var terms = new List<string> { "MSE" };
        if (o.Loss.UseGradientLoss) { terms.Add("gradient"); }
        if (o.Loss.UseDvhLoss) { terms.Add("DVH"); }
        if (o.Loss.UseStructureWeighted) { terms.Add("structure"); }
        if (o.Loss.UseAsymmetricPtv) { terms.Add("asymmetric PTV"); }
        return string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(" + ", terms)} · base {o.BaseChannels}, patch {o.PatchSize}, {o.Epochs} epochs · {o.DataDir}");
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _throttle = new UpdateThrottle(() => InvokeAsync(Refresh), TimeSpan.FromMilliseconds(200), Logger);
        _queueSubscription = TrainingQueue.Subscribe(() => _throttle.Signal());
        _eventSubscription = Events.Subscribe(c =>
        {
            if (c.Kind == RunChangeKind.StatusChanged)
            {
                _throttle.Signal();
            }
        }, null);
        _snapshot = TrainingQueue.Snapshot();
    }

    private void Refresh()
    {
        _snapshot = TrainingQueue.Snapshot();
        StateHasChanged();
    }

    private void Move(string key, int offset)
    {
        TrainingQueue.Move(key, offset);
        _snapshot = TrainingQueue.Snapshot();
    }

    private async Task CancelAsync(string key)
    {
        await TrainingQueue.CancelAsync(key, CancellationToken.None);
        _snapshot = TrainingQueue.Snapshot();
    }

    private void Stop(string key)
    {
        TrainingQueue.Stop(key);
    }
}
