using System.Text.Json;
using VmatTracker.Data.Queries;

namespace VmatTracker.Cli.Commands;

/// <summary>The JSON shapes of <c>vmat runs list/show --json</c> (documented in docs/tracking-store.md).</summary>
public static class RunJson
{
    /// <summary>A run as <c>runs list --json</c> prints it.</summary>
    public static object Summary(RunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new
        {
            id = run.Id,
            name = run.Name,
            experiment = run.Experiment,
            status = run.Status.ToString().ToLowerInvariant(),
            created = run.CreatedAt,
            started = run.StartedAt,
            ended = run.EndedAt,
            durationSeconds = run.DurationSeconds,
            starred = run.Starred,
            group = run.GroupKey,
            @params = run.Params,
            tags = run.Tags,
            metrics = run.Metrics.ToDictionary(m => m.Key, m => new
            {
                min = m.Value.Min,
                max = m.Value.Max,
                last = m.Value.Last,
                minEpoch = m.Value.MinEpoch,
                maxEpoch = m.Value.MaxEpoch,
                count = m.Value.Count,
            }),
        };
    }

    /// <summary>A run as <c>runs show --json</c> prints it.</summary>
    public static object Detail(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        using var config = JsonDocument.Parse(detail.ConfigJson);
        return new
        {
            run = Summary(detail.Summary),
            config = config.RootElement.Clone(),
            notes = detail.Notes,
            failureMessage = detail.FailureMessage,
            lastHeartbeat = detail.LastHeartbeatAt,
            provenance = detail.Provenance is { } p ? new
            {
                sourceCommit = p.SourceCommit,
                sourceBranch = p.SourceBranch,
                sourceDirty = p.SourceDirty,
                workingFolder = p.WorkingFolder,
                workingFolderCommit = p.WorkingFolderCommit,
                commandLine = p.CommandLine,
                host = p.Host,
                os = p.OperatingSystem,
                runtime = p.RuntimeVersion,
                torchSharp = p.TorchSharpVersion,
                libTorch = p.LibTorchVersion,
                device = p.Device,
                gpu = p.GpuName,
                gpuMemoryBytes = p.GpuMemoryBytes,
                cuda = p.CudaVersion,
                cpuThreads = p.CpuThreads,
            } : null,
            dataset = detail.Dataset is { } d ? new
            {
                path = d.Path,
                fingerprint = d.Fingerprint,
                caseCount = d.CaseCount,
                dataVersion = d.DataVersion,
                spacing = d.SpacingSummary,
                train = d.TrainCaseIds,
                val = d.ValidationCaseIds,
                test = d.TestCaseIds,
            } : null,
            checkpoints = detail.Checkpoints.Select(c => new
            {
                path = c.Path,
                epoch = c.Epoch,
                monitored = c.MonitoredKey,
                value = c.MonitoredValue,
                best = c.IsBest,
            }),
            results = RunResults.Of(detail) is { } r ? new
            {
                evaluationId = r.EvaluationId,
                from = r.From,
                checkpoint = r.Checkpoint,
                testMaeGy = r.TestMaeGy,
                gammaPassRate = r.GammaPassRate,
                ptvGammaPassRate = r.PtvGammaPassRate,
                ptv70D95GapGy = r.Ptv70D95GapGy,
            } : null,
            evaluations = detail.Evaluations.Select(e => new
            {
                id = e.Id,
                created = e.CreatedAt,
                source = e.Source,
                checkpointId = e.CheckpointId,
                aggregate = e.Values.Where(v => v.CaseId is null).ToDictionary(v => v.Structure is null ? v.Metric : $"{v.Structure}/{v.Metric}", v => v.Value),
                caseValues = e.Values.Count(v => v.CaseId is not null),
            }),
            artifacts = detail.Artifacts.Select(a => new { path = a.Path, kind = a.Kind, size = a.SizeBytes, sha256 = a.Sha256 }),
        };
    }
}
