namespace VmatTracker.Web.Services;

/// <summary>
/// Runs an update at most once per interval however often it is signalled: the first signal schedules a run after
/// the interval, later signals before that run starts join it, and a signal during a run schedules one more. Pages
/// use it so a burst of epochs becomes one redraw. Errors are logged, not thrown. Dispose stops future runs.
/// </summary>
public sealed partial class UpdateThrottle(Func<Task> update, TimeSpan interval, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _scheduled;
    private bool _disposed;

    /// <summary>Asks for an update.</summary>
    public void Signal()
    {
        lock (_gate)
        {
            if (_scheduled || _disposed)
            {
                return;
            }

            _scheduled = true;
        }

        _ = RunAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private async Task RunAsync()
    {
        await Task.Delay(interval).ConfigureAwait(false);
        lock (_gate)
        {
            // Cleared before the update runs, so news that arrives during it schedules another run.
            _scheduled = false;
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
