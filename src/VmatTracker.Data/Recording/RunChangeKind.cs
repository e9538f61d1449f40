namespace VmatTracker.Data.Recording;

/// <summary>Kinds of <see cref="RunChange"/>.</summary>
public enum RunChangeKind
{
    /// <summary>The run was created.</summary>
    Created,

    /// <summary>Its status changed.</summary>
    StatusChanged,

    /// <summary>Its worker signalled it is alive.</summary>
    Heartbeat,

    /// <summary>A checkpoint was recorded.</summary>
    CheckpointAdded,

    /// <summary>An evaluation was recorded.</summary>
    EvaluationAdded,

    /// <summary>An artifact was recorded.</summary>
    ArtifactAdded,

    /// <summary>Tags, notes or the star changed.</summary>
    LabelsChanged,

    /// <summary>The run was deleted.</summary>
    Deleted,
}
