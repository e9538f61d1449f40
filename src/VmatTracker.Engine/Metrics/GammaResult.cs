using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Metrics;

/// <summary>
/// The outcome of a gamma comparison. Rates are percentages over the evaluated points (reference at or above the
/// cutoff and reached by a finite evaluated dose); they are null when no point was evaluated.
/// </summary>
public sealed record GammaResult
{
    /// <summary>Gamma per point of the (subsampled) grid, C order; NaN where the point was not evaluated.</summary>
    public required double[] Gamma { get; init; }

    /// <summary>Shape of the grid the gamma was computed on (after subsampling).</summary>
    public required VolumeShape Shape { get; init; }

    /// <summary>Spacing of that grid in mm (the input spacing times the subsample factor).</summary>
    public required VoxelSpacing Spacing { get; init; }

    /// <summary>The global normalisation dose used (the reference maximum unless one was given).</summary>
    public required double Normalisation { get; init; }

    /// <summary>Number of points with a finite gamma.</summary>
    public required int EvaluatedPoints { get; init; }

    /// <summary>Percentage of evaluated points with gamma &lt;= 1 (the reference evaluation's convention).</summary>
    public double? PassRate { get; init; }

    /// <summary>Percentage of evaluated points with gamma &lt; 1 (pymedphys' <c>calculate_pass_rate</c>).</summary>
    public double? PassRateStrict { get; init; }

    /// <summary>Mean gamma over the evaluated points.</summary>
    public double? Mean { get; init; }

    /// <summary>Median gamma (numpy's: the mean of the two middle values for an even count).</summary>
    public double? Median { get; init; }

    /// <summary>Largest gamma (at most max_gamma).</summary>
    public double? Max { get; init; }
}
