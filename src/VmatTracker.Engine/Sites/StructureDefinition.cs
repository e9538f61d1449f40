namespace VmatTracker.Engine.Sites;

/// <summary>One structure channel of a site.</summary>
/// <param name="Name">Channel name as in files and reports (e.g. PTV70, Femur_L).</param>
/// <param name="Role">Target, organ at risk, or other.</param>
/// <param name="PrescriptionGy">A target's prescription in Gy; null for the rest.</param>
/// <param name="Optional">True for trailing channels that older data versions lack (PTV50.4 before v2.4).</param>
public sealed record StructureDefinition(string Name, StructureRole Role, double? PrescriptionGy = null, bool Optional = false);
