namespace VmatTracker.Data.Queries;

/// <summary>
/// A run's headline test numbers, from the evaluation <see cref="EvaluationChoice"/> chooses, with where they come
/// from: what <c>/api/runs/{id}</c>, <c>/api/compare</c> and <c>vmat runs show</c> print beside the pages.
/// </summary>
/// <param name="EvaluationId">The evaluation the numbers come from.</param>
/// <param name="From">Where they come from, e.g. "best checkpoint epoch=012.ckpt".</param>
/// <param name="Checkpoint">The checkpoint's file name, or "no checkpoint recorded".</param>
/// <param name="TestMaeGy">Test MAE in Gy.</param>
/// <param name="GammaPassRate">Gamma 3%/3mm pass rate in %.</param>
/// <param name="PtvGammaPassRate">PTV-region gamma pass rate in %.</param>
/// <param name="Ptv70D95GapGy">PTV70 D95 gap in Gy.</param>
public sealed record RunResults(long EvaluationId, string From, string Checkpoint, double? TestMaeGy, double? GammaPassRate,
    double? PtvGammaPassRate, double? Ptv70D95GapGy)
{
    /// <summary>The results of <paramref name="detail"/>, or null when it has no evaluation.</summary>
    public static RunResults? Of(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (detail.ChosenEvaluation is not { } chosen)
        {
            return null;
        }

        double? Mean(EvaluationMetric metric) => EvaluationNumbers.Headline(chosen.Evaluation, metric)?.Mean;
        return new RunResults(chosen.Evaluation.Id, chosen.Description, chosen.CheckpointName, Mean(EvaluationMetric.TestMae),
            Mean(EvaluationMetric.Gamma), Mean(EvaluationMetric.PtvGamma), Mean(EvaluationMetric.Ptv70D95Gap));
    }
}
