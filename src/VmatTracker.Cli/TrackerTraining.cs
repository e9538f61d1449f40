using VmatTracker.Engine.Training;
using VmatTracker.Runs.Remote;
using VmatTracker.Runs.Training;

namespace VmatTracker.Cli;

/// <summary>
/// <c>vmat train --tracker URL</c>: the run is recorded on a VmatTracker server through its ingest API, so it appears
/// live in that server's dashboard. A server that cannot be reached when the run is created is an error naming the
/// address (nothing is trained); one lost later costs no training: each refused write is a warning here and a line in
/// the run's train.log, and the run folder is complete as always.
/// </summary>
internal static class TrackerTraining
{
    public static async Task<int> RunAsync(CliConsole console, TrainerOptions options, string address, string? experiment,
        Func<TrainingRunner, long, int> train, CancellationToken token)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            console.Error.WriteLine($"error: --tracker: '{address}' is not an http:// or https:// address");
            return 2;
        }

        using var client = new TrackerClient(server);
        var runner = new TrainingRunner(client, TimeProvider.System);
        long runId;
        try
        {
            runId = await runner.QueueAsync(options, new RunRequest(experiment), token).ConfigureAwait(false);
        }
        catch (TrackerUnavailableException e)
        {
            console.Error.WriteLine($"error: --tracker: cannot record the run: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            console.Error.WriteLine($"error: --tracker: the tracker at {server} refused the run: {e.Message}");
            return 1;
        }

        console.Error.WriteLine($"recording as run {runId} on {server} (dashboard: {new Uri(server, $"runs/{runId}")})");
        string? lastWarning = null;
        runner.LogLine += (_, line) =>
        {
            // Recording problems, said once each until they change (a lost tracker refuses every write the same way).
            if (line.Message.StartsWith("recording:", StringComparison.Ordinal) && line.Message != lastWarning)
            {
                lastWarning = line.Message;
                console.Error.WriteLine($"warning: {line.Message} (training goes on; the run folder has everything)");
            }
        };
        return train(runner, runId);
    }
}
