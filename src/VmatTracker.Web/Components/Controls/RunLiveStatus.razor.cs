using Microsoft.AspNetCore.Components;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Live;

namespace VmatTracker.Web.Components.Controls;

/// <summary>
/// The live status cell of one unfinished run on the (static) runs page: status chip, progress bar and the epoch,
/// batch and ETA text, redrawn from <see cref="RunEvents"/> and the trainer's batch progress at most twice a second.
/// </summary>
public sealed partial class RunLiveStatus : IDisposable
{
    private RunListItem? _run;
    private IDisposable? _runSubscription;
    private IDisposable? _batchSubscription;
    private UpdateThrottle? _throttle;

    /// <summary>The run.</summary>
    [Parameter, EditorRequired]
    public required long RunId { get; set; }

    /// <summary>Reads the run's row.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>Live changes.</summary>
    [Inject]
    public required RunEvents Events { get; init; }

    /// <summary>The batch within the epoch of a run this server trains.</summary>
    [Inject]
    public required LiveBatchProgress Batches { get; init; }

    /// <summary>The clock (for the ETA).</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Logs failed refreshes.</summary>
    [Inject]
    public required ILogger<RunLiveStatus> Logger { get; init; }

    /// <inheritdoc />
    public void Dispose()
    {
        _runSubscription?.Dispose();
        _batchSubscription?.Dispose();
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            _throttle = new UpdateThrottle(() => InvokeAsync(RefreshAsync), TimeSpan.FromMilliseconds(500), Logger);
            _runSubscription = Events.Subscribe(c => Signal(c.RunId), m => Signal(m.RunId));
            _batchSubscription = Batches.Subscribe(Signal);
        }

        _run = await ReadAsync();
    }

    private void Signal(long runId)
    {
        if (runId == RunId)
        {
            _throttle?.Signal();
        }
    }

    private async Task RefreshAsync()
    {
        _run = await ReadAsync();
        StateHasChanged();
    }

    private async Task<RunListItem?> ReadAsync()
    {
        var page = await Queries.ListAsync(new RunListQuery { Filter = $"id = {RunId}", Take = 1 }, CancellationToken.None);
        return page.Runs.Count > 0 ? page.Runs[0] : null;
    }
}
