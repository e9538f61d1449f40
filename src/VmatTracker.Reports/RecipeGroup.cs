namespace VmatTracker.Reports;

/// <summary>
/// Runs of one recipe that differ only by seed, with the mean and population std over them of every key metric
/// (reference-spec 4.5: the aggregate of several seeds is the mean ± std of the per-seed values).
/// </summary>
/// <param name="Key">What the runs share: <c>group:KEY</c> for the store's group key, else <c>config:</c> and the
/// configuration without seed, names and output paths.</param>
/// <param name="Label">A title: the runs' shared name, else the first run's label.</param>
/// <param name="Runs">The runs, in the report's order.</param>
/// <param name="Summary">Per metric ID, the mean ± population std over the runs that have the value.</param>
/// <param name="CaseMeans">Per metric ID, each case's mean over the runs that have it (what the paired tests use).</param>
public sealed record RecipeGroup(string Key, string Label, IReadOnlyList<RunReport> Runs,
    IReadOnlyDictionary<string, ReportValue> Summary,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> CaseMeans)
{
    /// <summary>Whether the recipe holds more than one run.</summary>
    public bool HasSeeds => Runs.Count > 1;
}
