namespace VmatTracker.Data.Queries;

/// <summary>A headline number of an evaluation: the mean (and population std) over its cases, or its stored aggregate.</summary>
/// <param name="Mean">The mean, or the stored aggregate mean.</param>
/// <param name="Std">The population standard deviation, when known.</param>
/// <param name="Cases">How many case values it is the mean of; 0 when it is the stored aggregate.</param>
public sealed record EvaluationNumber(double Mean, double? Std, int Cases);

/// <summary>Reads the numbers of one stored evaluation the one way every view reads them.</summary>
public static class EvaluationNumbers
{
    /// <summary>
    /// Each case's value of <paramref name="metric"/>: the first of its case metric names stored for the case, else the
    /// structure row; non-finite values are left out.
    /// </summary>
    public static Dictionary<string, double> CaseValues(RunEvaluation evaluation, EvaluationMetric metric)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(metric);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
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

    /// <summary>
    /// The mean ± population std over the case values when there are any, else the stored aggregate
    /// (<c>{prefix}_mean</c>, <c>{prefix}_std</c>), else null.
    /// </summary>
    public static EvaluationNumber? Headline(RunEvaluation evaluation, EvaluationMetric metric)
    {
        var cases = CaseValues(evaluation, metric);
        if (cases.Count > 0)
        {
            var mean = cases.Values.Average();
            var std = Math.Sqrt(cases.Values.Sum(v => (v - mean) * (v - mean)) / cases.Count);
            return new EvaluationNumber(mean, std, cases.Count);
        }

        return Aggregate(evaluation, metric.AggregateMetric + "_mean") is { } aggregate
            ? new EvaluationNumber(aggregate, Aggregate(evaluation, metric.AggregateMetric + "_std"), 0)
            : null;
    }

    /// <summary>An aggregate value (no case, no structure), or null.</summary>
    public static double? Aggregate(RunEvaluation evaluation, string name)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return evaluation.Values.FirstOrDefault(v => v.CaseId is null && v.Structure is null && v.Metric == name)?.Value;
    }
}
