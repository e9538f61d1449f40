using Microsoft.Extensions.Logging;
namespace VmatTracker.Runs.Live;

/// <summary>
/// Runs an update at most once per interval however often it is signalled. A signal when the last run started more
/// than an interval ago runs the update at once (news that comes now and then, such as one epoch every few seconds,
/// is drawn without waiting); a signal within the interval schedules one run for when the interval is over, and later
/// signals before that run starts join it (a burst becomes one redraw); a signal during a run schedules one more.
/// The update always runs on the thread pool, never on the signalling thread, so the trainer's recording thread never
/// renders a page. Errors are logged, not thrown. Dispose stops future runs.
/// </summary>
public sealed partial class UpdateThrottle(Func<Task> update, TimeSpan interval, ILogger logger, TimeProvider? time = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private bool _scheduled;
    private bool _disposed;
    private long? _lastRunStarted;

    /// <summary>Asks for an update.</summary>
    public void Signal()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_scheduled || _disposed)
            {
                return;
            }

            _scheduled = true;
            var sinceLast = _lastRunStarted is { } last ? _time.GetElapsedTime(last) : TimeSpan.MaxValue;
            wait = sinceLast >= interval ? TimeSpan.Zero : interval - sinceLast;
        }

        _ = Task.Run(() => RunAsync(wait));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private async Task RunAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time).ConfigureAwait(false);
        }

        lock (_gate)
        {
            // Cleared before the update runs, so news that arrives during it schedules another run.
            _scheduled = false;
            _lastRunStarted = _time.GetTimestamp();
            if (_disposed)
            {
                return;
            }
        }

        try
        {
            await update().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed redraw (e.g. a closed circuit) is logged; the next signal tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            UpdateFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A throttled page update failed")]
    private static partial void UpdateFailed(ILogger logger, Exception exception);
}
