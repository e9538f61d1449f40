using System.Text.Json;
using VmatTracker.Data.Queries;

namespace VmatTracker.Web.Api;

/// <summary>One run as <c>GET /api/runs/{id}</c> answers it: the list row, the configuration as JSON, provenance,
/// dataset, checkpoints, evaluations (their aggregate values) and artifacts.</summary>
public sealed record RunView(RunListItem Run, JsonElement Config, string? Notes, string? FailureMessage, DateTime? LastHeartbeatAt,
    string? SourceKey, RunProvenance? Provenance, RunDataset? Dataset, IReadOnlyList<RunCheckpoint> Checkpoints,
    IReadOnlyList<EvaluationSummary> Evaluations, IReadOnlyList<RunArtifact> Artifacts, RunResults? Results)
{
    /// <summary>The view of <paramref name="detail"/>.</summary>
    public static RunView Of(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        JsonElement config;
        try
        {
            using var document = JsonDocument.Parse(detail.ConfigJson);
            config = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored as given; an imported run's text that is not JSON is shown as a string.
            config = JsonSerializer.SerializeToElement(detail.ConfigJson);
        }

        return new RunView(detail.Summary, config, detail.Notes, detail.FailureMessage, detail.LastHeartbeatAt, detail.SourceKey,
            detail.Provenance, detail.Dataset, detail.Checkpoints,
            [.. detail.Evaluations.Select(e => new EvaluationSummary(e.Id, e.CheckpointId, e.CreatedAt, e.Source,
                e.Values.Where(v => v.CaseId is null && v.Structure is null)
                    .GroupBy(v => v.Metric, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal)))],
            detail.Artifacts, RunResults.Of(detail));
    }
}

/// <summary>An evaluation's aggregate values (no case, no structure); the per-case values are in the stored document.</summary>
public sealed record EvaluationSummary(long Id, long? CheckpointId, DateTime CreatedAt, string? Source,
    IReadOnlyDictionary<string, double?> Aggregates);

/// <summary>A page of <c>GET /api/runs</c>.</summary>
public sealed record RunListView(int Total, int Skip, int Take, IReadOnlyList<RunListItem> Runs);

/// <summary>A run's series, <c>GET /api/runs/{id}/metrics</c>.</summary>
public sealed record RunMetricsView(long RunId, IReadOnlyList<SeriesView> Series);

/// <summary>One metric's points.</summary>
public sealed record SeriesView(string Key, IReadOnlyList<SeriesPoint> Points);

/// <summary><c>GET /api/compare</c>: the compare page's table from stored data.</summary>
/// <param name="Runs">The runs found, in the order asked.</param>
/// <param name="Missing">IDs asked for that are not in the store.</param>
/// <param name="Baseline">The baseline run, when it is one of the runs.</param>
/// <param name="MixedValidation">Whether the runs' validation metrics were computed differently (Val MAE then has no best).</param>
/// <param name="Columns">The table's columns.</param>
/// <param name="Rows">One row per run.</param>
/// <param name="Series">The series of the metric keys asked for with <c>keys=</c> (empty otherwise).</param>
public sealed record ComparisonView(IReadOnlyList<long> Runs, IReadOnlyList<long> Missing, long? Baseline, bool MixedValidation,
    IReadOnlyList<ComparisonColumnView> Columns, IReadOnlyList<ComparisonRowView> Rows, IReadOnlyList<MetricSeries> Series);

/// <summary>A column: title, which way is better (lower, higher, nearZero), where the number comes from.</summary>
public sealed record ComparisonColumnView(string Title, string Better, string Source);

/// <summary>A run's row: per column its value, whether it is the column's best, and its delta to the baseline.</summary>
public sealed record ComparisonRowView(long RunId, string Name, string Experiment, string? ValidationMethod,
    IReadOnlyList<double?> Values, IReadOnlyList<bool> Best, IReadOnlyList<double?> Delta, string? ResultsFrom);
