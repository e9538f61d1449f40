namespace VmatTracker.Web.Services;

/// <summary>
/// The server's one view of its dataset (singleton). The startup worker writes it; pages read
/// <see cref="Current"/> and subscribe for a ping when it changes (they re-read the snapshot, Aspire-style).
/// </summary>
public sealed class DatasetState
{
    private readonly Lock _gate = new();
    private readonly List<Action> _subscribers = [];
    private DatasetSnapshot _current;

    /// <summary>Starts with the folder and database the options name.</summary>
    public DatasetState(DatasetSnapshot initial) => _current = initial;

    /// <summary>The latest snapshot.</summary>
    public DatasetSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Replaces the snapshot and tells every subscriber.</summary>
    public void Update(Func<DatasetSnapshot, DatasetSnapshot> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Action[] subscribers;
        lock (_gate)
        {
            _current = change(_current);
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber();
        }
    }

    /// <summary>Registers <paramref name="onChanged"/>; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Action onChanged)
    {
        lock (_gate)
        {
            _subscribers.Add(onChanged);
        }

        return new Subscription(this, onChanged);
    }

    private sealed class Subscription(DatasetState owner, Action onChanged) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers.Remove(onChanged);
            }
        }
    }
}
