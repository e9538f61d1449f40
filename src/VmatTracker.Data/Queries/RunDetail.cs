namespace VmatTracker.Data.Queries;

/// <summary>Everything about one run. Records only: no EF entity leaves the store.</summary>
/// <param name="Summary">The list row.</param>
/// <param name="ConfigJson">The whole configuration.</param>
/// <param name="Notes">Notes.</param>
/// <param name="FailureMessage">Why it failed.</param>
/// <param name="LastHeartbeatAt">Last sign of life.</param>
/// <param name="SourceKey">Import identity.</param>
/// <param name="Provenance">How it was made.</param>
/// <param name="Dataset">Its data.</param>
/// <param name="Checkpoints">Checkpoints by epoch.</param>
/// <param name="Evaluations">Evaluations with their values.</param>
/// <param name="Artifacts">Files.</param>
public sealed record RunDetail(RunListItem Summary, string ConfigJson, string? Notes, string? FailureMessage,
    DateTime? LastHeartbeatAt, string? SourceKey, RunProvenance? Provenance, RunDataset? Dataset,
    IReadOnlyList<RunCheckpoint> Checkpoints, IReadOnlyList<RunEvaluation> Evaluations, IReadOnlyList<RunArtifact> Artifacts)
{
    /// <summary>The evaluation the run's numbers come from (<see cref="EvaluationChoice"/>'s rule), or null.</summary>
    public EvaluationChoice? ChosenEvaluation => EvaluationChoice.Of(this);
}
