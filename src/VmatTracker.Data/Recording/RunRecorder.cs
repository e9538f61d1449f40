using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Recording;

/// <summary>
/// The one ingestion path: every source (embedded trainer, CLI, import, remote workers) creates runs, appends metrics,
/// heartbeats and finishes runs here. It validates, writes in one transaction per call, keeps the metric summaries
/// current and then announces the change through <see cref="IRunEvents"/>. Thread-safe: each call uses its own context.
/// </summary>
public sealed partial class RunRecorder(IDbContextFactory<TrackerDbContext> contexts, IRunEvents events, TimeProvider time)
    : IRunRecorder
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Creates a run (and its experiment when new) with its provenance and dataset; returns its ID.</summary>
    /// <exception cref="ArgumentException">A name is empty or too long, or the configuration is not a JSON object.</exception>
    /// <exception cref="InvalidOperationException">A run with the same <see cref="NewRun.SourceKey"/> exists.</exception>
    public async Task<long> CreateRunAsync(NewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        RecordingValidation.Name(run.Experiment, "experiment name");
        RecordingValidation.Name(run.Name, "run name");
        foreach (var (key, value) in run.Tags)
        {
            RecordingValidation.Name(key, "tag key", StoreLimits.KeyLength);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, StoreLimits.TextLength, nameof(run));
        }

        var parameters = ParameterFlattener.Flatten(0, run.ParametersJson ?? run.ConfigJson);
        var now = Now;
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (run.SourceKey is not null
                    && await context.Runs.AnyAsync(r => r.SourceKey == run.SourceKey, cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"A run from '{run.SourceKey}' is already in the store.");
                }

                var experiment = await context.Experiments.FirstOrDefaultAsync(e => e.Name == run.Experiment,
                    cancellationToken).ConfigureAwait(false) ?? new Experiment { Name = run.Experiment, CreatedAt = now };
                var entity = new Run
                {
                    Experiment = experiment,
                    Name = run.Name,
                    Status = run.Status,
                    CreatedAt = StoreTime.Utc(run.CreatedAt ?? now),
                    StartedAt = run.StartedAt is { } started ? StoreTime.Utc(started) : null,
                    EndedAt = run.EndedAt is { } ended ? StoreTime.Utc(ended) : null,
                    DurationSeconds = run.DurationSeconds,
                    ConfigJson = run.ConfigJson,
                    SourceKey = run.SourceKey,
                    Notes = run.Notes,
                    GroupKey = run.GroupKey,
                    Parameters = parameters,
                    Tags = [.. run.Tags.Select(t => new RunTag { Key = t.Key, Value = t.Value })],
                    Provenance = ToEntity(run.Provenance),
                    Dataset = ToEntity(run.Dataset),
                };
                context.Runs.Add(entity);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                events.RunChanged(new RunChange(entity.Id, RunChangeKind.Created, entity.Status));
                return entity.Id;
            }
        }
    }

    /// <summary>Marks a queued run as running.</summary>
    public Task StartAsync(long runId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(runId, RunStatus.Running, failureMessage: null, cancellationToken);

    /// <summary>Marks a run as completed.</summary>
    public Task CompleteAsync(long runId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(runId, RunStatus.Completed, failureMessage: null, cancellationToken);

    /// <summary>Marks a run as failed with <paramref name="message"/>.</summary>
    public Task FailAsync(long runId, string message, CancellationToken cancellationToken) =>
        ChangeStatusAsync(runId, RunStatus.Failed, message, cancellationToken);

    /// <summary>Marks a run as cancelled by a user.</summary>
    public Task CancelAsync(long runId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(runId, RunStatus.Cancelled, failureMessage: null, cancellationToken);

    /// <summary>Marks a run as cancelled, saying why (e.g. "interrupted by SIGTERM") in its message.</summary>
    public Task CancelAsync(long runId, string? reason, CancellationToken cancellationToken) =>
        ChangeStatusAsync(runId, RunStatus.Cancelled, reason, cancellationToken);

    /// <summary>Marks a run whose process went away as interrupted.</summary>
    public Task MarkInterruptedAsync(long runId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(runId, RunStatus.Interrupted, failureMessage: null, cancellationToken);

    /// <summary>Records that a run's worker is alive.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task HeartbeatAsync(long runId, CancellationToken cancellationToken)
    {
        var now = Now;
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            run.LastHeartbeatAt = now;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.Heartbeat, run.Status));
        }
    }

    /// <summary>
    /// Appends metric points in one transaction and updates the run's per-key summaries. Non-finite values are stored
    /// and flagged, never dropped. Counts as a heartbeat.
    /// </summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    /// <exception cref="ArgumentException">A key is empty, too long or holds control characters.</exception>
    public async Task<MetricAppendResult> AppendMetricsAsync(long runId, IReadOnlyList<MetricValue> points,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        RecordingValidation.Metrics(points);
        if (points.Count == 0)
        {
            return new MetricAppendResult(0, 0);
        }

        var now = Now;
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            // One immediate (write-locking) transaction for the points and the summaries: a concurrent writer waits
            // for the lock (busy timeout) instead of reading summaries that are about to change.
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The heartbeat update doubles as the existence check: one statement instead of a read and a write.
                var touched = await context.Runs.Where(r => r.Id == runId)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastHeartbeatAt, now), cancellationToken).ConfigureAwait(false);
                if (touched == 0)
                {
                    throw new UnknownRunException(runId);
                }

                await MetricPointWriter.WriteAsync(context.Database.GetDbConnection(), transaction.GetDbTransaction(),
                    runId, points, now, cancellationToken).ConfigureAwait(false);
                await UpdateSummariesAsync(context, runId, points, cancellationToken).ConfigureAwait(false);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        events.MetricsAppended(new MetricsAppended(runId, points));
        return new MetricAppendResult(points.Count, points.Count(p => !double.IsFinite(p.Value)));
    }

    private static async Task UpdateSummariesAsync(TrackerDbContext context, long runId,
        IReadOnlyList<MetricValue> points, CancellationToken cancellationToken)
    {
        var keys = points.Select(p => p.Key).Distinct(StringComparer.Ordinal).ToList();
        var summaries = await context.MetricSummaries.Where(s => s.RunId == runId && keys.Contains(s.Key))
            .ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var point in points)
        {
            if (!summaries.TryGetValue(point.Key, out var summary))
            {
                summary = new MetricSummary { RunId = runId, Key = point.Key, LastStep = long.MinValue };
                summaries.Add(point.Key, summary);
                context.MetricSummaries.Add(summary);
            }

            MetricSummaryUpdate.Apply(summary, point);
        }
    }

    private async Task ChangeStatusAsync(long runId, RunStatus status, string? failureMessage,
        CancellationToken cancellationToken)
    {
        var now = Now;
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            if (run.Status is not (RunStatus.Queued or RunStatus.Running))
            {
                throw new InvalidOperationException(
                    $"Run {runId} has already ended ({run.Status}); it cannot become {status}.");
            }

            run.Status = status;
            run.LastHeartbeatAt = now;
            if (status == RunStatus.Running)
            {
                run.StartedAt ??= now;
            }
            else
            {
                run.EndedAt = now;
                run.DurationSeconds = run.StartedAt is { } started ? (now - StoreTime.Utc(started)).TotalSeconds : null;
                run.FailureMessage = failureMessage;
            }

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.StatusChanged, status));
        }
    }

    private static async Task<Run> FindAsync(TrackerDbContext context, long runId, CancellationToken cancellationToken) =>
        await context.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false)
        ?? throw new UnknownRunException(runId);

    private static Provenance? ToEntity(ProvenanceInfo? info) => info is null ? null : new Provenance
    {
        SourceCommit = info.SourceCommit,
        SourceBranch = info.SourceBranch,
        SourceDirty = info.SourceDirty,
        SourceDiff = info.SourceDiff,
        WorkingFolder = info.WorkingFolder,
        WorkingFolderCommit = info.WorkingFolderCommit,
        CommandLine = info.CommandLine,
        Host = info.Host,
        OperatingSystem = info.OperatingSystem,
        RuntimeVersion = info.RuntimeVersion,
        CpuThreads = info.CpuThreads,
        TorchSharpVersion = info.Compute.TorchSharpVersion,
        LibTorchVersion = info.Compute.LibTorchVersion,
        Device = info.Compute.Device,
        GpuName = info.Compute.GpuName,
        GpuMemoryBytes = info.Compute.GpuMemoryBytes,
        CudaVersion = info.Compute.CudaVersion,
    };

    private static DatasetRef? ToEntity(DatasetInfo? info) => info is null ? null : new DatasetRef
    {
        Path = info.Path,
        Fingerprint = info.Fingerprint,
        CaseCount = info.CaseCount,
        DataVersion = info.DataVersion,
        SpacingSummary = info.SpacingSummary,
        TrainCaseIds = [.. info.TrainCaseIds],
        ValidationCaseIds = [.. info.ValidationCaseIds],
        TestCaseIds = [.. info.TestCaseIds],
    };
}
