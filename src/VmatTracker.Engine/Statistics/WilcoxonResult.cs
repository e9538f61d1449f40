namespace VmatTracker.Engine.Statistics;

/// <summary>A two-sided paired Wilcoxon signed-rank test.</summary>
/// <param name="Pairs">Pairs given.</param>
/// <param name="ZeroDifferences">Pairs dropped because their difference was exactly zero.</param>
/// <param name="RankSumPositive">W+: the rank sum of the positive differences (x − y &gt; 0).</param>
/// <param name="RankSumNegative">W−: the rank sum of the negative differences.</param>
/// <param name="Statistic">min(W+, W−), the statistic scipy reports for the two-sided test.</param>
/// <param name="Z">The z score of the normal approximation (null for the exact test).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Method">How the p-value was obtained.</param>
/// <param name="HasTies">Whether non-zero differences share a magnitude (average ranks were used).</param>
public sealed record WilcoxonResult(int Pairs, int ZeroDifferences, double RankSumPositive, double RankSumNegative,
    double Statistic, double? Z, double PValue, WilcoxonMethod Method, bool HasTies)
{
    /// <summary>The non-zero differences the ranks were taken over.</summary>
    public int NonZero => Pairs - ZeroDifferences;
}
