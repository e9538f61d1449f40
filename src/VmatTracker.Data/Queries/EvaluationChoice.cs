namespace VmatTracker.Data.Queries;

/// <summary>
/// Which stored evaluation a run's numbers come from, and why: the one rule every view follows (the best checkpoint's
/// latest evaluation, else the run's latest evaluation), so the run page, the compare page, <c>/api/compare</c>,
/// <c>vmat runs show</c> and the report show the same Test MAE and gamma and name the same checkpoint.
/// </summary>
/// <param name="Evaluation">The evaluation.</param>
/// <param name="Checkpoint">The checkpoint it evaluated, when it is linked to one.</param>
/// <param name="OfBestCheckpoint">Whether it is the best checkpoint's (else it is the latest evaluation).</param>
public sealed record EvaluationChoice(RunEvaluation Evaluation, RunCheckpoint? Checkpoint, bool OfBestCheckpoint)
{
    /// <summary>The checkpoint's file name, or the evaluation's own name when it is linked to none.</summary>
    public string CheckpointName => Checkpoint is { } c
        ? Path.GetFileName(c.Path)
        : Evaluation.CheckpointPath is { } path ? Path.GetFileName(path) : "no checkpoint recorded";

    /// <summary>One phrase for the views: where the numbers come from.</summary>
    public string Description => OfBestCheckpoint
        ? $"best checkpoint {CheckpointName}"
        : Checkpoint is null && Evaluation.CheckpointPath is null
            ? $"latest evaluation ({Evaluation.Source ?? $"evaluation {Evaluation.Id}"})"
            : $"latest evaluation, checkpoint {CheckpointName}";

    /// <summary>Applies the rule to <paramref name="detail"/>; null when the run has no evaluation.</summary>
    public static EvaluationChoice? Of(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (detail.Evaluations.Count == 0)
        {
            return null;
        }

        RunCheckpoint? CheckpointOf(RunEvaluation e) => e.CheckpointId is { } id ? detail.Checkpoints.FirstOrDefault(c => c.Id == id) : null;
        var best = detail.Checkpoints.FirstOrDefault(c => c.IsBest);
        if (best is not null && detail.Evaluations.LastOrDefault(e => e.CheckpointId == best.Id) is { } ofBest)
        {
            return new EvaluationChoice(ofBest, best, true);
        }

        var latest = detail.Evaluations[^1];
        return new EvaluationChoice(latest, CheckpointOf(latest), false);
    }
}
