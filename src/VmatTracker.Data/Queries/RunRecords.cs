namespace VmatTracker.Data.Queries;

/// <summary>A checkpoint of a run, as readers see it.</summary>
/// <param name="Id">Its store ID.</param>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Path">Where the file is.</param>
/// <param name="Epoch">The epoch it was written after, when known.</param>
/// <param name="MonitoredKey">The metric that chose it.</param>
/// <param name="MonitoredValue">That metric's value.</param>
/// <param name="IsBest">Whether it is the run's best checkpoint.</param>
public sealed record RunCheckpoint(long Id, long RunId, string Path, int? Epoch, string? MonitoredKey,
    double? MonitoredValue, bool IsBest);

/// <summary>One number of an evaluation: a case's or the aggregate's value of a metric, for a structure or none.</summary>
/// <param name="CaseId">The case, or null for the aggregate.</param>
/// <param name="Structure">The structure, or null.</param>
/// <param name="Metric">The metric's name.</param>
/// <param name="Value">Its value; null when it could not be computed.</param>
public sealed record RunEvaluationValue(string? CaseId, string? Structure, string Metric, double? Value);

/// <summary>An evaluation of a run (of one of its checkpoints, or imported), with its values.</summary>
/// <param name="Id">Its store ID.</param>
/// <param name="RunId">The run.</param>
/// <param name="CheckpointId">The checkpoint it evaluated, when known.</param>
/// <param name="CheckpointPath">That checkpoint's path, when known.</param>
/// <param name="CreatedAt">When it was recorded (UTC).</param>
/// <param name="Source">Where it came from (the trainer, an import, an evaluate command).</param>
/// <param name="DocumentJson">The whole evaluation document.</param>
/// <param name="Values">Its values.</param>
public sealed record RunEvaluation(long Id, long RunId, long? CheckpointId, string? CheckpointPath, DateTime CreatedAt,
    string? Source, string? DocumentJson, IReadOnlyList<RunEvaluationValue> Values);

/// <summary>A file a run produced.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Kind">What it is (checkpoint, log, run-folder, ...).</param>
/// <param name="SizeBytes">Its size, when known.</param>
/// <param name="Sha256">Its hash, when known.</param>
public sealed record RunArtifact(string Path, string Kind, long? SizeBytes, string? Sha256);

/// <summary>How a run was made: source, command, machine, runtime.</summary>
/// <param name="SourceCommit">The commit of the trainer's source.</param>
/// <param name="SourceBranch">Its branch.</param>
/// <param name="SourceDirty">Whether the source had uncommitted changes.</param>
/// <param name="SourceDiff">Those changes.</param>
/// <param name="WorkingFolderCommit">The commit of the folder the run was started in.</param>
/// <param name="WorkingFolder">That folder.</param>
/// <param name="CommandLine">The command that ran it.</param>
/// <param name="Host">The machine.</param>
/// <param name="OperatingSystem">Its operating system.</param>
/// <param name="RuntimeVersion">The .NET runtime.</param>
/// <param name="TorchSharpVersion">TorchSharp's version.</param>
/// <param name="LibTorchVersion">libtorch's version.</param>
/// <param name="Device">The device trained on.</param>
/// <param name="GpuName">The GPU, when one.</param>
/// <param name="GpuMemoryBytes">Its memory.</param>
/// <param name="CudaVersion">CUDA's version.</param>
/// <param name="CpuThreads">Threads used on the CPU.</param>
public sealed record RunProvenance(string? SourceCommit, string? SourceBranch, bool? SourceDirty, string? SourceDiff,
    string? WorkingFolderCommit, string? WorkingFolder, string? CommandLine, string? Host, string? OperatingSystem,
    string? RuntimeVersion, string? TorchSharpVersion, string? LibTorchVersion, string? Device, string? GpuName,
    long? GpuMemoryBytes, string? CudaVersion, int? CpuThreads);

/// <summary>The data a run trained on and how it was split.</summary>
/// <param name="Path">The data folder.</param>
/// <param name="Fingerprint">The dataset's fingerprint.</param>
/// <param name="CaseCount">How many cases.</param>
/// <param name="DataVersion">The data's version, when stated.</param>
/// <param name="SpacingSummary">The voxel spacings.</param>
/// <param name="TrainCaseIds">Training cases.</param>
/// <param name="ValidationCaseIds">Validation cases.</param>
/// <param name="TestCaseIds">Test cases.</param>
public sealed record RunDataset(string? Path, string? Fingerprint, int? CaseCount, string? DataVersion,
    string? SpacingSummary, IReadOnlyList<string> TrainCaseIds, IReadOnlyList<string> ValidationCaseIds,
    IReadOnlyList<string> TestCaseIds);
