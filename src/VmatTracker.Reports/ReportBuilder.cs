using VmatTracker.Data.Queries;

namespace VmatTracker.Reports;

/// <summary>
/// Reads the runs of a report from the store and computes what it shows: key results, per-case values, recipes
/// (seed groups) and the paired statistics against the baseline. Read-only: it never writes the store.
/// </summary>
public sealed class ReportBuilder(RunQueries queries, TimeProvider time)
{
    /// <summary>The series the report draws.</summary>
    public static IReadOnlyList<string> SeriesKeys { get; } =
        [RunEvaluationReader.ValMaeKey, "train/loss_epoch", "train/loss", "val/loss", "val/gamma_3mm3pct"];

    /// <summary>The tag that marks a run as the baseline (any value but "false").</summary>
    public const string BaselineTag = "baseline";

    /// <summary>
    /// Builds the report of <paramref name="runIds"/>. The baseline is <paramref name="baselineId"/> when given, else
    /// the first run tagged <see cref="BaselineTag"/>, else the first run.
    /// </summary>
    /// <exception cref="ReportException">No runs, a run named twice or not in the store, or a baseline outside the runs.</exception>
    public async Task<ExperimentReport> BuildAsync(IReadOnlyList<long> runIds, long? baselineId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0)
        {
            throw new ReportException("no runs given: name at least one run ID");
        }

        var repeated = runIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new ReportException($"run {string.Join(", ", repeated)} is named more than once");
        }

        if (baselineId is { } b && !runIds.Contains(b))
        {
            throw new ReportException($"the baseline run {b} is not one of the report's runs ({string.Join(",", runIds)})");
        }

        var details = new List<RunDetail>();
        var unknown = new List<long>();
        foreach (var id in runIds)
        {
            if (await queries.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } detail)
            {
                details.Add(detail);
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            throw new ReportException($"run {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not in the store");
        }

        var comparison = await queries.CompareAsync(runIds, [.. SeriesKeys], cancellationToken).ConfigureAwait(false);
        var sharedNames = details.GroupBy(d => d.Summary.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var runs = details.Select(d => Read(d, sharedNames.Contains(d.Summary.Name) ? $"{d.Summary.Name} #{d.Summary.Id}" : d.Summary.Name,
            [.. comparison.Series.Where(s => s.RunId == d.Summary.Id)])).ToList();

        var baseline = baselineId is { } chosen ? runs.First(r => r.Id == chosen)
            : runs.FirstOrDefault(r => r.Detail.Summary.Tags.TryGetValue(BaselineTag, out var v) && v != "false") ?? runs[0];
        var recipes = SeedGroups.Group(runs);
        var baselineRecipe = recipes.First(g => g.Runs.Contains(baseline));
        return new ExperimentReport(time.GetUtcNow().UtcDateTime, runs, baseline, recipes, baselineRecipe,
            MetricComparisons.Build(baselineRecipe, recipes));
    }

    private static RunReport Read(RunDetail detail, string label, IReadOnlyList<MetricSeries> series)
    {
        var evaluation = RunEvaluationReader.Choose(detail);
        var cases = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var key = new Dictionary<string, ReportValue>(StringComparer.Ordinal)
        {
            [ReportMetric.ValMae.Id] = RunEvaluationReader.ValMae(detail.Summary),
            [ReportMetric.TrainingTime.Id] = RunEvaluationReader.TrainingHours(detail.Summary),
        };
        foreach (var metric in ReportMetric.PerCase)
        {
            var values = RunEvaluationReader.CaseValues(evaluation, metric);
            cases[metric.Id] = values;
            key[metric.Id] = RunEvaluationReader.TestValue(evaluation, metric);
        }

        var (dvh, dvhMissing) = DvhReader.Read(detail, evaluation);
        return new RunReport(detail, label, series, evaluation, cases, key, dvh, dvhMissing);
    }
}
