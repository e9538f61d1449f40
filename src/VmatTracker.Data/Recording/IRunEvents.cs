namespace VmatTracker.Data.Recording;

/// <summary>
/// Where <see cref="RunRecorder"/> announces what it has committed, for live views. The web server implements it
/// (throttled subscriptions); the CLI leaves it silent. Called after the commit, on the writer's thread:
/// implementations must be cheap, must not block and must not throw.
/// </summary>
public interface IRunEvents
{
    /// <summary>A run was created or changed (status, heartbeat, checkpoint, evaluation, artifact, labels).</summary>
    void RunChanged(RunChange change);

    /// <summary>Metric points were committed for a run.</summary>
    void MetricsAppended(MetricsAppended batch);
}
