using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Access;
using VmatTracker.Runs.Configuration;

namespace VmatTracker.Runs.Commands;

/// <summary>
/// Deletes runs: the store removes the rows, and this layer removes the run's folder only when it lies inside the
/// configured runs root once every link is resolved. A run-folder artifact is whatever a client recorded (the ingest
/// API takes any path), so it is never trusted as a place to delete.
/// </summary>
public sealed class RunRemoval(RunRecorder recorder, IOptions<VmatTrackerOptions> settings, ILogger<RunRemoval> logger)
{
    /// <summary>Deletes <paramref name="runId"/> for <paramref name="actor"/>; a folder outside the runs root is left alone.</summary>
    /// <exception cref="UnknownRunException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run is queued or running.</exception>
    public async Task<RunDeletion> DeleteAsync(Actor actor, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var folder = await recorder.DeleteAsync(runId, cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Run {RunId} deleted by {Actor}", runId, actor.ToString());
        }
        if (folder is null)
        {
            return new RunDeletion(runId, null, FolderDeleted: false, FolderProblem: null);
        }

        var root = DataRoots.RunsFolder(settings.Value);
        try
        {
            if (!Directory.Exists(folder))
            {
                return new RunDeletion(runId, folder, FolderDeleted: false, FolderProblem: "the folder does not exist any more");
            }

            if (!ResolvedPath.IsInside(folder, root))
            {
                logger.LogWarning("Run {RunId}'s folder {Folder} is outside the runs root {Root}; left in place", runId, folder, root);
                return new RunDeletion(runId, folder, FolderDeleted: false,
                    FolderProblem: $"it is outside the runs folder {root}, and only folders inside it are ever deleted");
            }

            // Delete the resolved folder: a link inside the root is removed with its target only if that target is inside too.
            Directory.Delete(ResolvedPath.Of(folder), recursive: true);
            return new RunDeletion(runId, folder, FolderDeleted: true, FolderProblem: null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new RunDeletion(runId, folder, FolderDeleted: false, FolderProblem: e.Message);
        }
    }
}
