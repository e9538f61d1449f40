namespace VmatTracker.Engine.Losses;

/// <summary>The DVH-aware loss's settings, with the reference's defaults (reference-spec 3.4).</summary>
public sealed record DvhAwareOptions
{
    /// <summary>Weight of each target's D95 underdose term (--dvh_d95_weight). Defaults to 10.</summary>
    public double D95Weight { get; init; } = 10;

    /// <summary>Weight of the V70 terms (--dvh_vx_weight). Defaults to 2.</summary>
    public double VxWeight { get; init; } = 2;

    /// <summary>Weight of each Dmean term (--dvh_dmean_weight). Defaults to 1.</summary>
    public double DmeanWeight { get; init; } = 1;

    /// <summary>Soft D95 temperature T_d (--dvh_temperature); soft Vx uses 10·T. Defaults to 0.1.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>A sample whose mask has fewer voxels contributes 0 to that term. Defaults to 100.</summary>
    public int MinVoxels { get; init; } = 100;

    /// <summary>Soft histogram bins. Defaults to 100.</summary>
    public int Bins { get; init; } = 100;
}
