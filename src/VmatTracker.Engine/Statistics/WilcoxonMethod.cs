namespace VmatTracker.Engine.Statistics;

/// <summary>How a Wilcoxon signed-rank p-value was obtained.</summary>
public enum WilcoxonMethod
{
    /// <summary>The exact null distribution of the rank sum (n ≤ 25 non-zero differences, no tied magnitudes).</summary>
    Exact,

    /// <summary>The normal approximation with the tie correction of the variance and a continuity correction.</summary>
    NormalApproximation,

    /// <summary>Every difference was zero: no evidence either way, p = 1.</summary>
    AllDifferencesZero,
}
