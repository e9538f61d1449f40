using Microsoft.EntityFrameworkCore;

namespace VmatTracker.Data.Recording;

/// <summary>Starring, archiving and deleting runs (the dashboard's run list).</summary>
public sealed partial class RunRecorder
{
    /// <summary>The artifact kind that names a run's own folder; deleting the run deletes that folder too.</summary>
    public const string RunFolderArtifactKind = "run-folder";

    /// <summary>The tag that marks a run as archived (hidden from the run list unless asked for).</summary>
    public const string ArchivedTag = "archived";

    /// <summary>Stars or un-stars a run, leaving its notes as they are.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public async Task SetStarredAsync(long runId, bool starred, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            run.Starred = starred;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.LabelsChanged, run.Status));
        }
    }

    /// <summary>Archives (tag <c>archived = true</c>) or restores a run.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    public Task SetArchivedAsync(long runId, bool archived, CancellationToken cancellationToken) =>
        SetTagAsync(runId, ArchivedTag, archived ? "true" : null, cancellationToken);

    /// <summary>
    /// Deletes a run with everything recorded about it (one statement; every child table cascades) and returns the
    /// folder it recorded as a <see cref="RunFolderArtifactKind"/> artifact, if any. The store never deletes files: the
    /// application layer decides whether that folder may go. A running or queued run is refused: stop it first.
    /// </summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run is queued or running.</exception>
    public async Task<string?> DeleteAsync(long runId, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var run = await FindAsync(context, runId, cancellationToken).ConfigureAwait(false);
            if (run.Status is RunStatus.Queued or RunStatus.Running)
            {
                throw new InvalidOperationException($"Run {runId} is {run.Status.ToString().ToLowerInvariant()}; stop it before deleting it.");
            }

            var folder = await context.Artifacts.Where(a => a.RunId == runId && a.Kind == RunFolderArtifactKind)
                .Select(a => a.Path).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

            // Every child table cascades from Runs (see the Initial migration), so one delete removes them all.
            await context.Runs.Where(r => r.Id == runId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            events.RunChanged(new RunChange(runId, RunChangeKind.Deleted, run.Status));
            return folder;
        }
    }
}
