using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;

namespace VmatTracker.Web.Hubs;

/// <summary>
/// The live feed for clients outside the dashboard, at <see cref="Path"/>: a client calls <see cref="JoinRun"/> for
/// each run it watches and then receives <see cref="RunHubMessages.EpochCompleted"/> and
/// <see cref="RunHubMessages.RunStatusChanged"/> for it (sent by <see cref="RunHubBridge"/>). Nothing is sent for runs
/// a client has not joined.
/// </summary>
public sealed class RunsHub(IDbContextFactory<TrackerDbContext> contexts) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/runs";

    /// <summary>The group that hears about run <paramref name="runId"/>.</summary>
    public static string GroupOf(long runId) => $"run-{runId}";

    /// <summary>Starts sending run <paramref name="runId"/>'s messages to the caller.</summary>
    /// <exception cref="HubException">There is no such run (the client sees the message).</exception>
    public async Task JoinRun(long runId)
    {
        var context = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        await using (context)
        {
            if (!await context.Runs.AnyAsync(r => r.Id == runId, Context.ConnectionAborted))
            {
                throw new HubException($"There is no run {runId}.");
            }
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(runId), Context.ConnectionAborted);
    }

    /// <summary>Stops sending run <paramref name="runId"/>'s messages to the caller.</summary>
    public Task LeaveRun(long runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(runId), Context.ConnectionAborted);
}
