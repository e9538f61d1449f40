using System.Collections.Concurrent;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Execution;

/// <summary>Where a run this server trains is within its epoch.</summary>
/// <param name="StartEpoch">The epoch the training began at (later than 0 when resumed), for the pace.</param>
/// <param name="Progress">The latest finished batch.</param>
public sealed record LiveBatch(int StartEpoch, BatchProgress Progress);

/// <summary>
/// The latest batch of each run the worker is training, for the run page's progress bar: the store holds epochs and
/// every tenth step only, so the batch within the epoch lives here while the run trains. Listeners are called on the
/// training thread and must only signal (pages redraw through their throttle).
/// </summary>
public sealed class LiveBatchProgress
{
    private readonly ConcurrentDictionary<long, LiveBatch> _runs = new();
    private readonly Lock _gate = new();
    private Action<long>[] _listeners = [];

    /// <summary>The run began training at <paramref name="startEpoch"/>.</summary>
    public void Started(long runId, int startEpoch) =>
        Set(runId, new LiveBatch(startEpoch, new BatchProgress(startEpoch, 0, 0, 0, double.NaN, TimeSpan.Zero)));

    /// <summary>A batch of the run finished.</summary>
    public void Update(long runId, BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var start = _runs.TryGetValue(runId, out var known) ? known.StartEpoch : progress.Epoch;
        Set(runId, new LiveBatch(start, progress));
    }

    /// <summary>The run stopped training (any way); its entry goes.</summary>
    public void Ended(long runId)
    {
        if (_runs.TryRemove(runId, out _))
        {
            Notify(runId);
        }
    }

    /// <summary>The run's latest batch, or null when this server is not training it.</summary>
    public LiveBatch? Get(long runId) => _runs.GetValueOrDefault(runId);

    /// <summary>Calls <paramref name="changed"/> with the run's ID on every change; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<long> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            _listeners = [.. _listeners, changed];
        }

        return new Subscription(this, changed);
    }

    private void Set(long runId, LiveBatch batch)
    {
        _runs[runId] = batch;
        Notify(runId);
    }

    private void Notify(long runId)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener(runId);
        }
    }

    private sealed class Subscription(LiveBatchProgress owner, Action<long> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners = [.. owner._listeners.Where(l => l != listener)];
            }
        }
    }
}
