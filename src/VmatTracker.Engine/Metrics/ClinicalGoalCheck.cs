using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.Metrics;

/// <summary>One clinical goal checked on the predicted dose (the truth's value is kept beside it for context).</summary>
/// <param name="Goal">The goal, from the site's table.</param>
/// <param name="Predicted">The prediction's value; null when the structure is absent.</param>
/// <param name="Truth">The ground truth's value; null when the structure is absent.</param>
/// <param name="Passed">Whether the prediction meets the goal; null when it could not be checked.</param>
public sealed record ClinicalGoalResult(ClinicalGoal Goal, double? Predicted, double? Truth, bool? Passed);

/// <summary>
/// The clinical-goal check of one case (reference-spec 4.4, the later "At H" set for prostate): each goal of the
/// site compared with the predicted DVH. Compliance = 100·passed/checked, 1 decimal; absent structures are listed
/// as missing and not counted.
/// </summary>
/// <param name="Results">Every goal, in the site's order.</param>
public sealed record ClinicalGoalReport(IReadOnlyList<ClinicalGoalResult> Results)
{
    /// <summary>Goals that could be checked.</summary>
    public int Checked => Results.Count(r => r.Passed is not null);

    /// <summary>Goals met.</summary>
    public int PassedCount => Results.Count(r => r.Passed == true);

    /// <summary>100·passed/checked, rounded to 1 decimal; null when nothing could be checked.</summary>
    public double? ComplianceRate => Checked == 0 ? null : Math.Round(100.0 * PassedCount / Checked, 1, MidpointRounding.ToEven);

    /// <summary>True when every checked goal is met.</summary>
    public bool OverallPass => Results.All(r => r.Passed != false);

    /// <summary>The goals not met.</summary>
    public IEnumerable<ClinicalGoalResult> Violations => Results.Where(r => r.Passed == false);

    /// <summary>The goals whose structure is absent.</summary>
    public IEnumerable<ClinicalGoalResult> Missing => Results.Where(r => r.Passed is null);

    /// <summary>Checks <paramref name="goals"/> against the DVHs, keyed by structure name.</summary>
    public static ClinicalGoalReport Check(IEnumerable<ClinicalGoal> goals, IReadOnlyDictionary<string, StructureDvh> dvhs)
    {
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(dvhs);
        var results = new List<ClinicalGoalResult>();
        foreach (var goal in goals)
        {
            if (!dvhs.TryGetValue(goal.Structure, out var dvh) || dvh.Predicted.Metric(goal.Metric) is not { } predicted)
            {
                results.Add(new ClinicalGoalResult(goal, null, null, null));
                continue;
            }

            var passed = goal.Comparison switch
            {
                "<=" => predicted <= goal.Limit,
                ">=" => predicted >= goal.Limit,
                "<" => predicted < goal.Limit,
                ">" => predicted > goal.Limit,
                _ => throw new InvalidOperationException($"unknown comparison '{goal.Comparison}' in the goal {goal}"),
            };
            results.Add(new ClinicalGoalResult(goal, predicted, dvh.Truth.Metric(goal.Metric), passed));
        }

        return new ClinicalGoalReport(results);
    }
}
