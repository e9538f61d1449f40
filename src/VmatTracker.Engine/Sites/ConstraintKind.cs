namespace VmatTracker.Engine.Sites;

/// <summary>How one element of the constraints vector is computed (reference-spec 1.6).</summary>
public enum ConstraintKind
{
    /// <summary>DoseGy / Rx when the named target is present, else 0.</summary>
    TargetPresence,

    /// <summary>DoseGy / Rx, always.</summary>
    DoseOverPrescription,

    /// <summary>A constant.</summary>
    Fixed,
}
