using Microsoft.Extensions.Logging;
using VmatTracker.Data.Recording;

namespace VmatTracker.Runs.Live;

/// <summary>
/// The server's <see cref="IRunEvents"/>: hands what <see cref="RunRecorder"/> committed to the pages that subscribed.
/// Called on the writer's thread, so it only copies the subscriber list and calls each listener, which must be cheap
/// (pages queue the news and redraw through a <see cref="UpdateThrottle"/>). A listener that throws is dropped from
/// that one call and logged, never passed back to the writer.
/// </summary>
public sealed partial class RunEvents(ILogger<RunEvents> logger) : IRunEvents
{
    private readonly Lock _gate = new();
    private Listener[] _listeners = [];

    /// <summary>Subscribes to every run's changes and metric batches; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<RunChange>? changed, Action<MetricsAppended>? appended)
    {
        var listener = new Listener(this, changed, appended);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return listener;
    }

    /// <summary>How many listeners are subscribed (pages open), for tests.</summary>
    internal int ListenerCount => Volatile.Read(ref _listeners).Length;

    /// <inheritdoc />
    public void RunChanged(RunChange change)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            Call(listener.Changed, change);
        }
    }

    /// <inheritdoc />
    public void MetricsAppended(MetricsAppended batch)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            Call(listener.Appended, batch);
        }
    }

    private void Call<T>(Action<T>? action, T value)
    {
        try
        {
            action?.Invoke(value);
        }
#pragma warning disable CA1031 // A page's bug must not fail the recorder's caller after its commit.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ListenerFailed(logger, e);
        }
    }

    private void Remove(Listener listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run-event listener threw; the event was still recorded")]
    private static partial void ListenerFailed(ILogger logger, Exception exception);

    private sealed class Listener(RunEvents owner, Action<RunChange>? changed, Action<MetricsAppended>? appended) : IDisposable
    {
        public Action<RunChange>? Changed { get; } = changed;

        public Action<MetricsAppended>? Appended { get; } = appended;

        public void Dispose() => owner.Remove(this);
    }
}
