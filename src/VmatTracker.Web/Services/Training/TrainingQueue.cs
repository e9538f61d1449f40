using VmatTracker.Data.Recording;

namespace VmatTracker.Web.Services.Training;

/// <summary>
/// The server's training queue (singleton): runs waiting in the order the user set, and the runs being trained with
/// the token that stops each. The waiting runs are also Queued rows in the store, so a restarted server re-reads them
/// (<see cref="TrainingWorker"/>); the order within the queue lives here. Cancelling a waiting run records it
/// Cancelled; stopping a running one only trips its token, and the worker records how it ended.
/// Subscribers get a ping on every change and re-read <see cref="Snapshot"/>.
/// </summary>
public sealed class TrainingQueue(RunRecorder recorder) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<QueuedRun> _waiting = [];
    private readonly List<(QueuedRun Run, CancellationTokenSource Stop)> _running = [];
    private readonly SemaphoreSlim _available = new(0);
    private Action[] _subscribers = [];

    /// <inheritdoc />
    public void Dispose()
    {
        StopAll();
        _available.Dispose();
    }

    /// <summary>The queue now.</summary>
    public TrainingQueueSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new TrainingQueueSnapshot([.. _running.Select(r => r.Run)], [.. _waiting]);
        }
    }

    /// <summary>Puts a run (already a Queued row in the store) at the end of the queue.</summary>
    public void Add(QueuedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (Contains(run.RunId))
            {
                throw new InvalidOperationException($"Run {run.RunId} is already in the queue.");
            }

            _waiting.Add(run);
        }

        _available.Release();
        Notify();
    }

    /// <summary>Moves a waiting run <paramref name="offset"/> places (-1: one earlier, +1: one later), stopping at
    /// either end. False when the run is not waiting.</summary>
    public bool Move(long runId, int offset)
    {
        lock (_gate)
        {
            var index = _waiting.FindIndex(r => r.RunId == runId);
            if (index < 0)
            {
                return false;
            }

            var target = Math.Clamp(index + offset, 0, _waiting.Count - 1);
            var run = _waiting[index];
            _waiting.RemoveAt(index);
            _waiting.Insert(target, run);
        }

        Notify();
        return true;
    }

    /// <summary>Takes a waiting run out of the queue and records it Cancelled. False when it is not waiting.</summary>
    public async Task<bool> CancelAsync(long runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_waiting.RemoveAll(r => r.RunId == runId) == 0)
            {
                return false;
            }
        }

        Notify();
        await recorder.CancelAsync(runId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Asks a running run to stop: its trainer ends at the next batch and the worker records it Cancelled.
    /// False when it is not running.</summary>
    public bool Stop(long runId)
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            stop = _running.FirstOrDefault(r => r.Run.RunId == runId).Stop;
        }

        if (stop is null)
        {
            return false;
        }

        stop.Cancel();
        return true;
    }

    /// <summary>True when the run is waiting or running here.</summary>
    public bool Contains(long runId)
    {
        lock (_gate)
        {
            return _waiting.Exists(r => r.RunId == runId) || _running.Exists(r => r.Run.RunId == runId);
        }
    }

    /// <summary>Registers <paramref name="onChanged"/>; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Action onChanged)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChanged];
        }

        return new Subscription(this, onChanged);
    }

    /// <summary>Waits until a run may be waiting (a wake-up may find the queue empty when a run was cancelled).</summary>
    internal Task WaitForWorkAsync(CancellationToken cancellationToken) => _available.WaitAsync(cancellationToken);

    /// <summary>Moves the first waiting run to the running set; null when none waits.</summary>
    internal (QueuedRun Run, CancellationToken Stop)? TryStartNext()
    {
        (QueuedRun Run, CancellationTokenSource Stop) started;
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                return null;
            }

            started = (_waiting[0], new CancellationTokenSource());
            _waiting.RemoveAt(0);
            _running.Add(started);
        }

        Notify();
        return (started.Run, started.Stop.Token);
    }

    /// <summary>Removes a run the worker has finished with.</summary>
    internal void Finish(long runId)
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            var index = _running.FindIndex(r => r.Run.RunId == runId);
            if (index < 0)
            {
                return;
            }

            stop = _running[index].Stop;
            _running.RemoveAt(index);
        }

        stop.Dispose();
        Notify();
    }

    /// <summary>Stops every running run (server shutdown).</summary>
    internal void StopAll()
    {
        CancellationTokenSource[] all;
        lock (_gate)
        {
            all = [.. _running.Select(r => r.Stop)];
        }

        foreach (var stop in all)
        {
            stop.Cancel();
        }
    }

    private void Notify()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber();
        }
    }

    private sealed class Subscription(TrainingQueue owner, Action onChanged) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers = [.. owner._subscribers.Where(s => !ReferenceEquals(s, onChanged))];
            }
        }
    }
}
