namespace VmatTracker.Data.Recording;

/// <summary>
/// The recording calls a trainer makes for one run, from creating it to how it ended. <see cref="RunRecorder"/> is the
/// store's implementation; <c>vmat train --tracker URL</c> records through an HTTP client that reaches a server's
/// <see cref="RunRecorder"/> through its ingest API. Each method means exactly what the <see cref="RunRecorder"/>
/// method of the same name does.
/// </summary>
public interface IRunRecorder
{
    /// <summary>Creates a run with its configuration and provenance; returns its ID.</summary>
    Task<long> CreateRunAsync(NewRun run, CancellationToken cancellationToken);

    /// <summary>Marks a queued run as running.</summary>
    Task StartAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Sets the dataset of a run created without one; false when it already had one.</summary>
    Task<bool> SetDatasetAsync(long runId, DatasetInfo dataset, CancellationToken cancellationToken);

    /// <summary>Sets (or with a null value removes) a tag.</summary>
    Task SetTagAsync(long runId, string key, string? value, CancellationToken cancellationToken);

    /// <summary>Appends metric points (counts as a heartbeat).</summary>
    Task<MetricAppendResult> AppendMetricsAsync(long runId, IReadOnlyList<MetricValue> points, CancellationToken cancellationToken);

    /// <summary>Records that the run's worker is alive.</summary>
    Task HeartbeatAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Records a checkpoint; returns its ID.</summary>
    Task<long> AddCheckpointAsync(long runId, CheckpointInfo checkpoint, CancellationToken cancellationToken);

    /// <summary>Records an artifact; returns its ID.</summary>
    Task<long> AddArtifactAsync(long runId, ArtifactInfo artifact, CancellationToken cancellationToken);

    /// <summary>Records an evaluation_results.json file as an evaluation of a checkpoint; returns its ID.</summary>
    Task<long> AddEvaluationFileAsync(long runId, string path, string? checkpointPath, CancellationToken cancellationToken);

    /// <summary>Marks a run as completed.</summary>
    Task CompleteAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Marks a run as failed with <paramref name="message"/>.</summary>
    Task FailAsync(long runId, string message, CancellationToken cancellationToken);

    /// <summary>Marks a run as cancelled by a user.</summary>
    Task CancelAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Marks a run as cancelled, saying why (e.g. "interrupted by SIGTERM") in its message.</summary>
    Task CancelAsync(long runId, string? reason, CancellationToken cancellationToken);
}
