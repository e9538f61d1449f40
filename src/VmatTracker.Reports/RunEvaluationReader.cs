using VmatTracker.Data;
using VmatTracker.Data.Queries;

namespace VmatTracker.Reports;

/// <summary>Reads a run's report values from its stored rows: evaluation values, metric summaries and duration.</summary>
internal static class RunEvaluationReader
{
    /// <summary>The metric key whose minimum is the best validation MAE.</summary>
    public const string ValMaeKey = "val/mae_gy";

    /// <summary>The evaluation the run's numbers come from, by the one rule every view follows; null without any.</summary>
    public static RunEvaluation? Choose(RunDetail detail) => detail.ChosenEvaluation?.Evaluation;

    /// <summary>Each test case's value of <paramref name="metric"/> (non-finite values are left out).</summary>
    public static Dictionary<string, double> CaseValues(RunEvaluation? evaluation, ReportMetric metric) =>
        evaluation is null || metric.Evaluated is null
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : EvaluationNumbers.CaseValues(evaluation, metric.Evaluated);

    /// <summary>A test metric: mean ± population std over the cases, else the stored aggregate, else why not.</summary>
    public static ReportValue TestValue(RunEvaluation? evaluation, ReportMetric metric)
    {
        if (evaluation is null)
        {
            return ReportValue.NotAvailable("no test evaluation stored");
        }

        return metric.Evaluated is not null && EvaluationNumbers.Headline(evaluation, metric.Evaluated) is { } number
            ? number.Cases > 0
                ? ReportValue.MeanOf(number.Mean, number.Std ?? 0, number.Cases)
                : new ReportValue(number.Mean, number.Std, null, null)
            : ReportValue.NotAvailable($"the evaluation has no {metric.Title} values");
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
