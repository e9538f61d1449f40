namespace VmatTracker.Data.Recording;

/// <summary>What changed about a run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Status">The run's status after the change.</param>
public sealed record RunChange(long RunId, RunChangeKind Kind, RunStatus Status);
