using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Recording;

/// <summary>What a run produces besides metrics, and its labels.</summary>
public sealed partial class RunRecorder
{
    /// <summary>Records a checkpoint (or updates the one at the same path); returns its ID.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task<long> AddCheckpointAsync(long runId, CheckpointInfo checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        RecordingValidation.Name(checkpoint.Path, "checkpoint path", StoreLimits.TextLength);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            var existing = await context.Checkpoints.Where(c => c.RunId == runId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var entity = existing.FirstOrDefault(c => c.Path == checkpoint.Path);
            if (entity is null)
            {
                entity = new Checkpoint { RunId = runId, Path = checkpoint.Path };
                context.Checkpoints.Add(entity);
            }

            if (checkpoint.IsBest)
            {
                existing.ForEach(c => c.IsBest = false);
            }

            entity.Epoch = checkpoint.Epoch;
            entity.MonitoredKey = checkpoint.MonitoredKey;
            entity.MonitoredValue = checkpoint.MonitoredValue;
            entity.IsBest = checkpoint.IsBest;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.CheckpointAdded, run.Status));
            return entity.Id;
        }
    }

    /// <summary>Records an evaluation with its values; returns its ID.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task<long> AddEvaluationAsync(long runId, EvaluationInfo evaluation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        foreach (var value in evaluation.Values)
        {
            RecordingValidation.Name(value.Metric, "evaluation metric", StoreLimits.KeyLength);
        }

        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            var checkpointId = evaluation.CheckpointPath is null ? null : await context.Checkpoints
                .Where(c => c.RunId == runId && c.Path == evaluation.CheckpointPath).Select(c => (long?)c.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var entity = new Evaluation
            {
                RunId = runId,
                CheckpointId = checkpointId,
                CreatedAt = StoreTime.Utc(evaluation.CreatedAt ?? Now),
                Source = evaluation.Source,
                DocumentJson = evaluation.DocumentJson,
                Values = [.. evaluation.Values.Select(v => new EvaluationValue
                {
                    CaseId = v.CaseId,
                    Structure = v.Structure,
                    Metric = v.Metric,
                    Value = v.Value is { } number && double.IsFinite(number) ? number : null,
                })],
            };
            context.Evaluations.Add(entity);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.EvaluationAdded, run.Status));
            return entity.Id;
        }
    }

    /// <summary>Records an artifact; returns its ID.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task<long> AddArtifactAsync(long runId, ArtifactInfo artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        RecordingValidation.Name(artifact.Path, "artifact path", StoreLimits.TextLength);
        RecordingValidation.Name(artifact.Kind, "artifact kind", 32);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            var entity = new Artifact
            {
                RunId = runId,
                Path = artifact.Path,
                Kind = artifact.Kind,
                SizeBytes = artifact.SizeBytes,
                Sha256 = artifact.Sha256,
            };
            context.Artifacts.Add(entity);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.ArtifactAdded, run.Status));
            return entity.Id;
        }
    }

    /// <summary>Sets (or with a null value removes) a tag.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task SetTagAsync(long runId, string key, string? value, CancellationToken cancellationToken)
    {
        RecordingValidation.Name(key, "tag key", StoreLimits.KeyLength);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            var tag = await context.RunTags.FirstOrDefaultAsync(t => t.RunId == runId && t.Key == key, cancellationToken)
                .ConfigureAwait(false);
            if (value is null)
            {
                if (tag is not null)
                {
                    context.RunTags.Remove(tag);
                }
            }
            else if (tag is null)
            {
                context.RunTags.Add(new RunTag { RunId = runId, Key = key, Value = value });
            }
            else
            {
                tag.Value = value;
            }

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.LabelsChanged, run.Status));
        }
    }

    /// <summary>Sets a run's notes and star.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task SetNotesAsync(long runId, string? notes, bool starred, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            run.Notes = notes;
            run.Starred = starred;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.LabelsChanged, run.Status));
        }
    }
}
