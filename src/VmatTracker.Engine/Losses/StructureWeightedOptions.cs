namespace VmatTracker.Engine.Losses;

/// <summary>The structure-weighted loss's settings, with the reference's defaults (reference-spec 3.5).</summary>
public sealed record StructureWeightedOptions
{
    /// <summary>Weight inside targets (--structure_ptv_weight). Defaults to 2.0.</summary>
    public double PtvWeight { get; init; } = 2.0;

    /// <summary>Weight in the organ-boundary band (--structure_oar_boundary_weight). Defaults to 1.5.</summary>
    public double OarBoundaryWeight { get; init; } = 1.5;

    /// <summary>Weight elsewhere (--structure_background_weight). Defaults to 0.5.</summary>
    public double BackgroundWeight { get; init; } = 0.5;

    /// <summary>Half-width of the organ band in mm (--structure_boundary_width_mm). Defaults to 5.</summary>
    public double BoundaryWidthMm { get; init; } = 5.0;

    /// <summary>The SDF normalisation (clip) in mm. Defaults to 50.</summary>
    public double SdfClipMm { get; init; } = 50.0;

    /// <summary>Corrected (default) or the pilot's bug (--structure_tau_mode).</summary>
    public StructureTauMode TauMode { get; init; } = StructureTauMode.Corrected;

    /// <summary>The band threshold on the normalised SDF.</summary>
    public double Tau => TauMode == StructureTauMode.Pilot ? BoundaryWidthMm / 2.5 : BoundaryWidthMm / SdfClipMm;
}
