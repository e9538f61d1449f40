using VmatTracker.Engine.Statistics;

namespace VmatTracker.Reports;

/// <summary>One Holm family: one metric's per-case paired tests of every other recipe against the baseline's.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Comparisons">Each other recipe with its comparison (Holm-adjusted within this family).</param>
public sealed record MetricComparisons(ReportMetric Metric, IReadOnlyList<(RecipeGroup Recipe, PairedComparison Comparison)> Comparisons)
{
    /// <summary>
    /// Tests each recipe's per-case means (over its seeds) against the baseline recipe's, per metric, and Holm-adjusts
    /// each metric's family.
    /// </summary>
    public static IReadOnlyList<MetricComparisons> Build(RecipeGroup baseline, IReadOnlyList<RecipeGroup> recipes)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(recipes);
        var others = recipes.Where(r => !ReferenceEquals(r, baseline)).ToList();
        var families = new List<MetricComparisons>();
        foreach (var metric in ReportMetric.PerCase)
        {
            var raw = others.Select(r => PairedComparison.Compare(r.CaseMeans[metric.Id], baseline.CaseMeans[metric.Id])).ToList();
            var adjusted = PairedComparison.AdjustFamily(raw);
            families.Add(new MetricComparisons(metric, [.. others.Zip(adjusted)]));
        }

        return families;
    }
}
