namespace VmatTracker.Runs.Execution;

/// <summary>
/// The last lines each run trained here has logged (singleton), for the run page's live log tail. Bounded per run; a
/// run trained by an earlier server process has no lines here, and the page reads its train.log instead.
/// </summary>
public sealed class RunLogs
{
    /// <summary>Lines kept per run.</summary>
    public const int Capacity = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Queue<string>> _lines = [];
    private Action<long>[] _subscribers = [];

    /// <summary>Adds a line to run <paramref name="runId"/>'s tail.</summary>
    public void Append(long runId, string line)
    {
        lock (_gate)
        {
            if (!_lines.TryGetValue(runId, out var lines))
            {
                lines = new Queue<string>();
                _lines.Add(runId, lines);
            }

            lines.Enqueue(line);
            while (lines.Count > Capacity)
            {
                lines.Dequeue();
            }
        }

        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(runId);
        }
    }

    /// <summary>The run's kept lines, oldest first; null when this process has none for it.</summary>
    public IReadOnlyList<string>? Tail(long runId)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(runId, out var lines) ? [.. lines] : null;
        }
    }

    /// <summary>Calls <paramref name="onAppended"/> with the run ID of every new line; dispose to stop.</summary>
    public IDisposable Subscribe(Action<long> onAppended)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onAppended];
        }

        return new Subscription(this, onAppended);
    }

    private sealed class Subscription(RunLogs owner, Action<long> onAppended) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers = [.. owner._subscribers.Where(s => !ReferenceEquals(s, onAppended))];
            }
        }
    }
}
