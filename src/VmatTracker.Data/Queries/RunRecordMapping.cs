using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Queries;

/// <summary>Copies detached entities into the records readers get, so no reader holds an EF entity.</summary>
internal static class RunRecordMapping
{
    public static RunCheckpoint ToRecord(this Checkpoint c) =>
        new(c.Id, c.RunId, c.Path, c.Epoch, c.MonitoredKey, c.MonitoredValue, c.IsBest);

    public static RunEvaluation ToRecord(this Evaluation e, IReadOnlyDictionary<long, Checkpoint> checkpoints) =>
        new(e.Id, e.RunId, e.CheckpointId,
            e.CheckpointId is { } id && checkpoints.TryGetValue(id, out var checkpoint) ? checkpoint.Path : null,
            e.CreatedAt, e.Source, e.DocumentJson,
            [.. e.Values.OrderBy(v => v.Id).Select(v => new RunEvaluationValue(v.CaseId, v.Structure, v.Metric, v.Value))]);

    public static RunArtifact ToRecord(this Artifact a) => new(a.Path, a.Kind, a.SizeBytes, a.Sha256);

    public static RunProvenance ToRecord(this Provenance p) =>
        new(p.SourceCommit, p.SourceBranch, p.SourceDirty, p.SourceDiff, p.WorkingFolderCommit, p.WorkingFolder,
            p.CommandLine, p.Host, p.OperatingSystem, p.RuntimeVersion, p.TorchSharpVersion, p.LibTorchVersion, p.Device,
            p.GpuName, p.GpuMemoryBytes, p.CudaVersion, p.CpuThreads);

    public static RunDataset ToRecord(this DatasetRef d) =>
        new(d.Path, d.Fingerprint, d.CaseCount, d.DataVersion, d.SpacingSummary, [.. d.TrainCaseIds],
            [.. d.ValidationCaseIds], [.. d.TestCaseIds]);
}
