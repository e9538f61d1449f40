namespace VmatTracker.Reports;

/// <summary>Everything a report shows, read from the store; writers only format it.</summary>
/// <param name="GeneratedAt">When it was built (UTC).</param>
/// <param name="Runs">The runs, in the order asked for.</param>
/// <param name="Baseline">The baseline run.</param>
/// <param name="Recipes">Runs grouped by recipe (runs that differ only by seed share one).</param>
/// <param name="BaselineRecipe">The baseline run's recipe.</param>
/// <param name="Comparisons">Per metric, the paired tests of every other recipe against the baseline's.</param>
public sealed record ExperimentReport(DateTime GeneratedAt, IReadOnlyList<RunReport> Runs, RunReport Baseline,
    IReadOnlyList<RecipeGroup> Recipes, RecipeGroup BaselineRecipe, IReadOnlyList<MetricComparisons> Comparisons)
{
    /// <summary>Whether any recipe holds more than one seed.</summary>
    public bool HasSeedGroups => Recipes.Any(r => r.HasSeeds);
}
