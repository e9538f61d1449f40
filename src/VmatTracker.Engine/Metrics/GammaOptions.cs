namespace VmatTracker.Engine.Metrics;

/// <summary>
/// Settings of a gamma comparison, with pymedphys' <c>gamma_shell</c> meanings (docs/gamma.md). Defaults are the
/// reference evaluation's: 3 %/3 mm global, 10 % lower cutoff, interp_fraction 10, max_gamma 2, no subsampling.
/// </summary>
public sealed record GammaOptions
{
    /// <summary>Dose criterion in percent (of the normalisation for global gamma, of the local reference dose for local).</summary>
    public double DosePercent { get; init; } = 3;

    /// <summary>Distance-to-agreement criterion in mm.</summary>
    public double DistanceMm { get; init; } = 3;

    /// <summary>Reference points below this percentage of the global normalisation are excluded.</summary>
    public double LowerCutoffPercent { get; init; } = 10;

    /// <summary>The search step is <see cref="DistanceMm"/> / InterpFraction.</summary>
    public int InterpFraction { get; init; } = 10;

    /// <summary>Search limit in units of gamma; values above it are clipped to it. Infinity searches until done.</summary>
    public double MaxGamma { get; init; } = 2;

    /// <summary>Local gamma: the dose difference is relative to the reference dose at the point.</summary>
    public bool Local { get; init; }

    /// <summary>The global normalisation dose; null means the maximum of the (subsampled) reference.</summary>
    public double? GlobalNormalisation { get; init; }

    /// <summary>Plain decimation [::k] of both volumes on every axis before the comparison (spacing times k).</summary>
    public int Subsample { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for settings that make no sense.</summary>
    public void Validate()
    {
        if (!(DosePercent > 0) || !double.IsFinite(DosePercent))
        {
            throw new ArgumentOutOfRangeException(nameof(DosePercent), DosePercent, "the dose criterion must be a positive number of percent");
        }

        if (!(DistanceMm > 0) || !double.IsFinite(DistanceMm))
        {
            throw new ArgumentOutOfRangeException(nameof(DistanceMm), DistanceMm, "the distance criterion must be a positive number of mm");
        }

        if (!(LowerCutoffPercent >= 0) || !double.IsFinite(LowerCutoffPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(LowerCutoffPercent), LowerCutoffPercent, "the lower cutoff must be 0 % or more");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(InterpFraction, 1, nameof(InterpFraction));
        if (!(MaxGamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGamma), MaxGamma, "max_gamma must be positive (or infinity)");
        }

        if (GlobalNormalisation is { } norm && (!(norm > 0) || !double.IsFinite(norm)))
        {
            throw new ArgumentOutOfRangeException(nameof(GlobalNormalisation), norm, "the global normalisation must be a positive dose");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Subsample, 1, nameof(Subsample));
    }
}
