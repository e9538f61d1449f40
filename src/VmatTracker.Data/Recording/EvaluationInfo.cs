namespace VmatTracker.Data.Recording;

/// <summary>An evaluation to record.</summary>
public sealed record EvaluationInfo
{
    /// <summary>Path of the checkpoint evaluated, when it is one of the run's recorded checkpoints.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Where it came from.</summary>
    public string? Source { get; init; }

    /// <summary>The whole evaluation document.</summary>
    public string? DocumentJson { get; init; }

    /// <summary>When it was made; the recorder's clock when null.</summary>
    public DateTime? CreatedAt { get; init; }

    /// <summary>Aggregate (no case) and per case x structure x metric values.</summary>
    public IReadOnlyList<EvaluationValueInfo> Values { get; init; } = [];
}

/// <summary>One evaluation number.</summary>
/// <param name="CaseId">Case, or null for an aggregate.</param>
/// <param name="Structure">Structure, or null.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Value">Value (non-finite stored as null).</param>
public sealed record EvaluationValueInfo(string? CaseId, string? Structure, string Metric, double? Value);
