using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Training;

namespace VmatTracker.Cli;

/// <summary>Training recorded in the store the store commands use (<c>--db</c>, else VMAT_DB, else the default).</summary>
internal static class CliTraining
{
    /// <summary>A runner over the store at <paramref name="db"/> (created or migrated when needed), and its path.</summary>
    public static async Task<(TrainingRunner Runner, RunRecorder Recorder, string DatabasePath)> OpenRunnerAsync(string? db,
        CancellationToken token)
    {
        var contexts = await CliStore.OpenAsync(db, token).ConfigureAwait(false);
        var recorder = new RunRecorder(contexts, new SilentRunEvents(), TimeProvider.System);
        return (new TrainingRunner(recorder, TimeProvider.System), recorder, TrackerDatabaseLocation.Resolve(db));
    }
}
