namespace VmatTracker.Data.Recording;

/// <summary>An <see cref="IRunEvents"/> that tells no one (the CLI, import, benchmarks).</summary>
public sealed class SilentRunEvents : IRunEvents
{
    /// <inheritdoc />
    public void RunChanged(RunChange change)
    {
    }

    /// <inheritdoc />
    public void MetricsAppended(MetricsAppended batch)
    {
    }
}
