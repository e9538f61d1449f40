using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Recording;

/// <summary>Folds one point into a summary: min/max over finite values (first epoch reaching them), last by step.</summary>
internal static class MetricSummaryUpdate
{
    public static void Apply(MetricSummary summary, MetricValue point)
    {
        summary.Count++;
        var finite = double.IsFinite(point.Value);
        if (!finite)
        {
            summary.NonFiniteCount++;
        }

        // Later writes at the same step win, as a re-logged value replaces the earlier one.
        if (point.Step >= summary.LastStep)
        {
            summary.LastStep = point.Step;
            summary.Last = finite ? point.Value : null;
        }

        if (!finite)
        {
            return;
        }

        if (summary.Min is null || point.Value < summary.Min)
        {
            summary.Min = point.Value;
            summary.MinEpoch = point.Epoch;
        }

        if (summary.Max is null || point.Value > summary.Max)
        {
            summary.Max = point.Value;
            summary.MaxEpoch = point.Epoch;
        }
    }
}
