namespace VmatTracker.Engine.Sites;

/// <summary>One element of the conditioning vector.</summary>
/// <param name="Name">A name for reports (e.g. rectum_v50_limit).</param>
/// <param name="Kind">How the value is computed.</param>
/// <param name="Structure">The target whose presence counts (TargetPresence only).</param>
/// <param name="DoseGy">The dose divided by Rx (TargetPresence and DoseOverPrescription).</param>
/// <param name="Value">The constant (Fixed only).</param>
public sealed record ConstraintElement(string Name, ConstraintKind Kind, string? Structure = null, double? DoseGy = null,
    double? Value = null);
