using VmatTracker.Data.Recording;
using VmatTracker.Runs.Execution;

namespace VmatTracker.Runs.Queue;

/// <summary>
/// The server's training queue (singleton): jobs waiting in the order the user set, and the jobs running with the
/// token that stops each. A job trains a run or evaluates one of its checkpoints (<see cref="QueueJobKind"/>). Waiting
/// training runs are also Queued rows in the store, so a restarted server re-reads them (<see cref="TrainingWorker"/>);
/// evaluation jobs live only here (a restart forgets them; the run is unchanged). Cancelling a waiting training run
/// records it Cancelled; cancelling an evaluation only drops it; stopping a running job only trips its token, and the
/// worker records how it ended. The methods taking a run ID act on that run's training job; those taking a key
/// (<see cref="QueuedRun.Key"/>) on any job. Subscribers get a ping on every change and re-read <see cref="Snapshot"/>.
/// </summary>
public sealed class TrainingQueue(RunRecorder recorder) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<QueuedRun> _waiting = [];
    private readonly List<(QueuedRun Run, CancellationTokenSource Stop)> _running = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly Dictionary<string, string> _outcomes = new(StringComparer.Ordinal);
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

    /// <summary>Puts a job (a training run already a Queued row in the store, or an evaluation) at the end of the queue.</summary>
    public void Add(QueuedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (ContainsKey(run.Key))
            {
                throw new InvalidOperationException(run.Kind == QueueJobKind.Train
                    ? $"Run {run.RunId} is already in the queue."
                    : $"Checkpoint {Path.GetFileName(run.Checkpoint!.Path)} of run {run.RunId} is already waiting or being evaluated.");
            }

            _waiting.Add(run);
            _outcomes.Remove(run.Key);
        }

        _available.Release();
        Notify();
    }

    /// <summary>Moves a waiting run <paramref name="offset"/> places (-1: one earlier, +1: one later), stopping at
    /// either end. False when the run is not waiting.</summary>
    public bool Move(long runId, int offset) => Move(QueuedRun.TrainKey(runId), offset);

    /// <summary>Moves the waiting job <paramref name="key"/> <paramref name="offset"/> places, stopping at either end.
    /// False when it is not waiting.</summary>
    public bool Move(string key, int offset)
    {
        lock (_gate)
        {
            var index = _waiting.FindIndex(r => r.Key == key);
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
    public Task<bool> CancelAsync(long runId, CancellationToken cancellationToken) =>
        CancelAsync(QueuedRun.TrainKey(runId), cancellationToken);

    /// <summary>Takes the waiting job <paramref name="key"/> out of the queue; a training run is recorded Cancelled,
    /// an evaluation just dropped. False when it is not waiting.</summary>
    public async Task<bool> CancelAsync(string key, CancellationToken cancellationToken)
    {
        QueuedRun? removed;
        lock (_gate)
        {
            removed = _waiting.Find(r => r.Key == key);
            if (removed is null)
            {
                return false;
            }

            _waiting.Remove(removed);
            if (removed.Kind == QueueJobKind.Evaluate)
            {
                _outcomes[key] = "cancelled";
            }
        }

        Notify();
        if (removed.Kind == QueueJobKind.Train)
        {
            await recorder.CancelAsync(removed.RunId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Asks a running run to stop: its trainer ends at the next batch and the worker records it Cancelled.
    /// False when it is not running.</summary>
    public bool Stop(long runId) => Stop(QueuedRun.TrainKey(runId));

    /// <summary>Asks the running job <paramref name="key"/> to stop (a training run at its next batch, an evaluation at
    /// its next case). False when it is not running.</summary>
    public bool Stop(string key)
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            stop = _running.FirstOrDefault(r => r.Run.Key == key).Stop;
        }

        if (stop is null)
        {
            return false;
        }

        stop.Cancel();
        return true;
    }

    /// <summary>True when the run's training is waiting or running here.</summary>
    public bool Contains(long runId) => ContainsKey(QueuedRun.TrainKey(runId));

    /// <summary>True when the job <paramref name="key"/> is waiting or running here.</summary>
    public bool ContainsKey(string key)
    {
        lock (_gate)
        {
            return _waiting.Exists(r => r.Key == key) || _running.Exists(r => r.Run.Key == key);
        }
    }

    /// <summary>How the last evaluation job with <paramref name="key"/> ended ("evaluation N recorded", "failed: ...",
    /// "stopped", "cancelled"); null when none has ended in this server since it was last queued.</summary>
    public string? Outcome(string key)
    {
        lock (_gate)
        {
            return _outcomes.GetValueOrDefault(key);
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

    /// <summary>Removes a job the worker has finished with, keeping <paramref name="outcome"/> for
    /// <see cref="Outcome"/>.</summary>
    internal void Finish(string key, string? outcome = null)
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            var index = _running.FindIndex(r => r.Run.Key == key);
            if (index < 0)
            {
                return;
            }

            stop = _running[index].Stop;
            _running.RemoveAt(index);
            if (outcome is not null)
            {
                _outcomes[key] = outcome;
            }
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
