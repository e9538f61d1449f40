namespace VmatTracker.Data.Recording;

/// <summary>A run to create.</summary>
public sealed record NewRun
{
    /// <summary>Experiment name (created when new).</summary>
    public required string Experiment { get; init; }

    /// <summary>Run name.</summary>
    public required string Name { get; init; }

    /// <summary>The whole configuration as a JSON object.</summary>
    public string ConfigJson { get; init; } = "{}";

    /// <summary>
    /// The parameters to query by, as a JSON object (nested objects flattened with dots). When null, the
    /// configuration itself is flattened.
    /// </summary>
    public string? ParametersJson { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Group key for seeds and folds.</summary>
    public string? GroupKey { get; init; }

    /// <summary>Initial status (imports create finished runs directly).</summary>
    public RunStatus Status { get; init; } = RunStatus.Queued;

    /// <summary>Creation time; the recorder's clock when null.</summary>
    public DateTime? CreatedAt { get; init; }

    /// <summary>Start time, for runs created already started or finished.</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>End time, for runs created finished.</summary>
    public DateTime? EndedAt { get; init; }

    /// <summary>Duration in seconds, for runs created finished.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Identity in an import source; a second create with the same key is refused.</summary>
    public string? SourceKey { get; init; }

    /// <summary>How it was made (captured by the caller's process).</summary>
    public ProvenanceInfo? Provenance { get; init; }

    /// <summary>Its data.</summary>
    public DatasetInfo? Dataset { get; init; }
}
