using VmatTracker.Data.Queries;

namespace VmatTracker.Reports;

/// <summary>One run as the report shows it, read from the store.</summary>
/// <param name="Detail">The run in full (provenance, dataset, checkpoints, evaluations).</param>
/// <param name="Label">Its column title: the run name, with "#id" added when two runs share a name.</param>
/// <param name="Series">The training series the report draws.</param>
/// <param name="Evaluation">The test evaluation used (of the best checkpoint when one is linked, else the latest).</param>
/// <param name="CaseValues">Per metric ID, the value of each test case.</param>
/// <param name="KeyValues">Per metric ID, the key-results value or why it is missing.</param>
/// <param name="Dvh">Cumulative DVH curves, when the evaluation's DVH files are still where the store says.</param>
/// <param name="DvhMissing">Why there are no DVH curves.</param>
public sealed record RunReport(RunDetail Detail, string Label, IReadOnlyList<MetricSeries> Series, RunEvaluation? Evaluation,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> CaseValues,
    IReadOnlyDictionary<string, ReportValue> KeyValues, DvhCurves? Dvh, string? DvhMissing)
{
    /// <summary>The run ID.</summary>
    public long Id => Detail.Summary.Id;

    /// <summary>The run's per-case values of one metric (empty when none).</summary>
    public IReadOnlyDictionary<string, double> Cases(ReportMetric metric) =>
        CaseValues.TryGetValue(metric.Id, out var values) ? values : new Dictionary<string, double>();

    /// <summary>The run's key-results value of one metric.</summary>
    public ReportValue Key(ReportMetric metric) =>
        KeyValues.TryGetValue(metric.Id, out var value) ? value : ReportValue.NotAvailable("not computed");

    /// <summary>The points of one series in step order, or none.</summary>
    public IReadOnlyList<SeriesPoint> SeriesOf(string key) =>
        Series.FirstOrDefault(s => s.Key == key)?.Points ?? [];
}
