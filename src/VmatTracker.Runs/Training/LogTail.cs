namespace VmatTracker.Runs.Training;

/// <summary>The last lines of one run's log, for a page that opens while the run is going (thread-safe).</summary>
internal sealed class LogTail(int capacity)
{
    private readonly Queue<TrainingLogLine> _lines = new();

    public void Add(TrainingLogLine line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<TrainingLogLine> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}
