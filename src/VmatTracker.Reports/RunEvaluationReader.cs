using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.Statistics;

namespace VmatTracker.Reports;

/// <summary>Reads a run's report values from its stored rows: evaluation values, metric summaries and duration.</summary>
internal static class RunEvaluationReader
{
    /// <summary>The metric key whose minimum is the best validation MAE.</summary>
    public const string ValMaeKey = "val/mae_gy";

    /// <summary>The evaluation of the best checkpoint when one is linked to it, else the latest; null without any.</summary>
    public static RunEvaluation? Choose(RunDetail detail)
    {
        var best = detail.Checkpoints.FirstOrDefault(c => c.IsBest);
        var ofBest = best is null ? null : detail.Evaluations.LastOrDefault(e => e.CheckpointId == best.Id);
        return ofBest ?? (detail.Evaluations.Count > 0 ? detail.Evaluations[^1] : null);
    }

    /// <summary>Each test case's value of <paramref name="metric"/> (non-finite values are left out).</summary>
    public static Dictionary<string, double> CaseValues(RunEvaluation? evaluation, ReportMetric metric)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (evaluation is null)
        {
            return values;
        }

        var rows = evaluation.Values.Where(v => v.CaseId is not null && v.Value is { } d && double.IsFinite(d)).ToList();
        foreach (var name in metric.CaseMetrics)
        {
            foreach (var row in rows.Where(r => r.Structure is null && r.Metric == name))
            {
                values.TryAdd(row.CaseId!, row.Value!.Value);
            }
        }

        if (metric.StructureFallback is { } fallback)
        {
            foreach (var row in rows.Where(r => r.Structure == fallback.Structure && r.Metric == fallback.Metric))
            {
                values.TryAdd(row.CaseId!, row.Value!.Value);
            }
        }

        return values;
    }

    /// <summary>A test metric: mean ± population std over the cases, else the stored aggregate, else why not.</summary>
    public static ReportValue TestValue(RunEvaluation? evaluation, ReportMetric metric, IReadOnlyDictionary<string, double> cases)
    {
        if (evaluation is null)
        {
            return ReportValue.NotAvailable("no test evaluation stored");
        }

        if (cases.Count > 0)
        {
            var (mean, std) = Descriptive.MeanAndPopulationStd([.. cases.Values]);
            return ReportValue.MeanOf(mean, std, cases.Count);
        }

        double? Aggregate(string name) => evaluation.Values
            .FirstOrDefault(v => v.CaseId is null && v.Structure is null && v.Metric == name)?.Value;
        if (metric.AggregateMetric is { } prefix && Aggregate(prefix + "_mean") is { } aggregate)
        {
            return new ReportValue(aggregate, Aggregate(prefix + "_std"), null, null);
        }

        return ReportValue.NotAvailable($"the evaluation has no {metric.Title} values");
    }

    /// <summary>The best (lowest) stored <c>val/mae_gy</c>.</summary>
    public static ReportValue ValMae(RunListItem run) =>
        run.Metrics.TryGetValue(ValMaeKey, out var summary) && summary.Min is { } min
            ? ReportValue.Of(min)
            : ReportValue.NotAvailable($"no {ValMaeKey} values stored");

    /// <summary>Training time in hours (<see cref="TrainingTime"/>: the trainer's total, else the run's duration).</summary>
    public static ReportValue TrainingHours(RunListItem run) => TrainingTime.Seconds(run) is { } seconds
        ? ReportValue.Of(seconds / 3600.0)
        : ReportValue.NotAvailable(run.Status is RunStatus.Queued or RunStatus.Running
            ? $"run is {run.Status.ToString().ToLowerInvariant()}"
            : "no duration stored");
}
