using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>One run's OpenKBP scores as stored with its latest evaluation.</summary>
/// <param name="Run">The run.</param>
/// <param name="DoseScore">OpenKBP dose score (Gy).</param>
/// <param name="DvhScore">OpenKBP DVH score (Gy).</param>
/// <param name="Cases">How many cases were scored.</param>
public sealed record OpenKbpRunScore(RunListItem Run, double? DoseScore, double? DvhScore, int Cases);

/// <summary>
/// The OpenKBP challenge's published test-phase results (Babier et al., Med Phys 2021) that the compare page draws as
/// reference lines beside runs scored exactly as OpenKBP scores (an OpenKBP import with its possible-dose masks).
/// </summary>
public static class OpenKbpLeaderboard
{
    /// <summary>The winning team's dose score (Gy).</summary>
    public const double WinnerDoseScore = 2.43;

    /// <summary>The winning team's DVH score (Gy).</summary>
    public const double WinnerDvhScore = 1.48;

    /// <summary>The median dose score of the 28 teams of the final phase, about (Gy).</summary>
    public const double MedianDoseScore = 3.08;

    /// <summary>The median DVH score of the 28 teams of the final phase, about (Gy).</summary>
    public const double MedianDvhScore = 1.81;

    /// <summary>What the leaderboard's numbers are, so nobody reads a 12-patient CPU run as a ranking.</summary>
    public const string Caveat =
        "Reference lines: the OpenKBP challenge's final phase (100 test patients; teams trained on 200 patients, on GPUs). " +
        "The runs here were trained on however many patients their dataset held, on this machine; the scores are computed " +
        "the same way, but the comparison is for orientation, not a ranking.";

    /// <summary>
    /// The runs whose latest evaluation holds OpenKBP's exact aggregate scores (aggregate_metrics.openkbp_dose_score and
    /// openkbp_dvh_score, written only when every case had a possible-dose mask); runs without them are left out.
    /// </summary>
    public static IReadOnlyList<OpenKbpRunScore> Scores(IReadOnlyList<RunListItem> runs, IReadOnlyList<EvaluationView?> evaluations)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(evaluations);
        var scores = new List<OpenKbpRunScore>();
        for (var i = 0; i < runs.Count && i < evaluations.Count; i++)
        {
            if (evaluations[i] is not { } evaluation)
            {
                continue;
            }

            var dose = evaluation.Aggregate("openkbp_dose_score");
            var dvh = evaluation.Aggregate("openkbp_dvh_score");
            if (dose is not null || dvh is not null)
            {
                scores.Add(new OpenKbpRunScore(runs[i], dose, dvh, evaluation.Cases.Count));
            }
        }

        return scores;
    }
}
