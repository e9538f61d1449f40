namespace VmatTracker.Engine.Statistics;

/// <summary>
/// One candidate against the baseline on one metric, over the cases both have: a Wilcoxon signed-rank test and a
/// bootstrap interval of the mean difference (candidate − baseline), or the plain fact that there were too few pairs.
/// </summary>
/// <param name="PairedCases">Cases with a finite value in both.</param>
/// <param name="Wilcoxon">The test; null when there were too few pairs.</param>
/// <param name="Interval">The bootstrap interval of the mean difference; null when there were too few pairs.</param>
/// <param name="HolmP">The Holm-adjusted p-value within its family; null until adjusted or without a test.</param>
public sealed record PairedComparison(int PairedCases, WilcoxonResult? Wilcoxon, BootstrapInterval? Interval, double? HolmP)
{
    /// <summary>Fewer paired cases than this and no test is made: the cell says so instead of printing a number.</summary>
    public const int MinimumPairs = 5;

    /// <summary>Whether there were too few pairs for a test.</summary>
    public bool TooFewPairs => Wilcoxon is null;

    /// <summary>
    /// Pairs the two by case ID (cases missing on either side, or not finite, are left out) and tests them when there
    /// are at least <see cref="MinimumPairs"/>.
    /// </summary>
    public static PairedComparison Compare(IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double> baseline,
        int resamples = BootstrapInterval.DefaultResamples, ulong seed = BootstrapInterval.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        var cases = candidate.Keys.Where(c => baseline.ContainsKey(c) && double.IsFinite(candidate[c]) && double.IsFinite(baseline[c]))
            .Order(StringComparer.Ordinal).ToList();
        if (cases.Count < MinimumPairs)
        {
            return new PairedComparison(cases.Count, null, null, null);
        }

        var x = cases.Select(c => candidate[c]).ToArray();
        var y = cases.Select(c => baseline[c]).ToArray();
        return new PairedComparison(cases.Count, WilcoxonSignedRank.Test(x, y), BootstrapInterval.MeanDifference(x, y, resamples, seed: seed), null);
    }

    /// <summary>
    /// Holm-adjusts one family (one metric's comparisons of every candidate with the baseline); comparisons without a
    /// test stay as they are and do not count towards the family's size.
    /// </summary>
    public static IReadOnlyList<PairedComparison> AdjustFamily(IReadOnlyList<PairedComparison> family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var tested = family.Select((c, i) => (c, i)).Where(t => t.c.Wilcoxon is not null).ToList();
        var adjusted = HolmBonferroni.Adjust([.. tested.Select(t => t.c.Wilcoxon!.PValue)]);
        var result = family.ToArray();
        for (var k = 0; k < tested.Count; k++)
        {
            result[tested[k].i] = tested[k].c with { HolmP = adjusted[k] };
        }

        return result;
    }
}
