namespace VmatTracker.Data;

/// <summary>Where a run is in its life. Stored as text so the database reads without this enum.</summary>
public enum RunStatus
{
    /// <summary>Created, waiting for a worker.</summary>
    Queued,

    /// <summary>A worker is training it.</summary>
    Running,

    /// <summary>Finished normally.</summary>
    Completed,

    /// <summary>Stopped by an error (see <see cref="Entities.Run.FailureMessage"/>).</summary>
    Failed,

    /// <summary>Stopped by a user.</summary>
    Cancelled,

    /// <summary>Its process went away without saying how it ended (no heartbeat any more).</summary>
    Interrupted,
}
