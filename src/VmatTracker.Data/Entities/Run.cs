namespace VmatTracker.Data.Entities;

/// <summary>One training run: its configuration, state, provenance and everything it produced.</summary>
public class Run
{
    /// <summary>Database key; the run ID users type.</summary>
    public long Id { get; set; }

    /// <summary>The experiment it belongs to.</summary>
    public long ExperimentId { get; set; }

    /// <summary>The experiment it belongs to.</summary>
    public Experiment? Experiment { get; set; }

    /// <summary>Display name (not unique).</summary>
    public required string Name { get; set; }

    /// <summary>Life-cycle state.</summary>
    public RunStatus Status { get; set; }

    /// <summary>When the run row was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When training started.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When it ended, however it ended.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>The last sign of life from its worker.</summary>
    public DateTime? LastHeartbeatAt { get; set; }

    /// <summary>Wall time from start to end in seconds (from the source's own summary for imported runs).</summary>
    public double? DurationSeconds { get; set; }

    /// <summary>Why it failed.</summary>
    public string? FailureMessage { get; set; }

    /// <summary>The whole configuration as JSON, exactly as given.</summary>
    public required string ConfigJson { get; set; }

    /// <summary>
    /// Identity of an imported run in its source (for the reference: experiment name plus the training_config.json
    /// timestamp), so importing twice does not duplicate. Null for runs recorded here.
    /// </summary>
    public string? SourceKey { get; set; }

    /// <summary>Free text notes.</summary>
    public string? Notes { get; set; }

    /// <summary>Marked by a user.</summary>
    public bool Starred { get; set; }

    /// <summary>Groups runs that differ only by seed or fold, for mean ± std views.</summary>
    public string? GroupKey { get; set; }

    /// <summary>Flattened configuration values, for filtering and sorting.</summary>
    public List<RunParameter> Parameters { get; set; } = [];

    /// <summary>Key/value labels.</summary>
    public List<RunTag> Tags { get; set; } = [];

    /// <summary>How the run was made.</summary>
    public Provenance? Provenance { get; set; }

    /// <summary>The data it trained on.</summary>
    public DatasetRef? Dataset { get; set; }

    /// <summary>Per-key metric summaries, kept current on every write.</summary>
    public List<MetricSummary> MetricSummaries { get; set; } = [];

    /// <summary>Saved model weights.</summary>
    public List<Checkpoint> Checkpoints { get; set; } = [];

    /// <summary>Test-set evaluations.</summary>
    public List<Evaluation> Evaluations { get; set; } = [];

    /// <summary>Files it produced.</summary>
    public List<Artifact> Artifacts { get; set; } = [];
}
