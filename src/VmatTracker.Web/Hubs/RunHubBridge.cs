using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Live;

namespace VmatTracker.Web.Hubs;

/// <summary>
/// Forwards what <see cref="RunEvents"/> announces to the <see cref="RunsHub"/> groups. RunEvents calls its listeners
/// on the recorder's thread, so the listeners here only put the news on a channel (never waiting: when
/// <see cref="Capacity"/> items are waiting the oldest is dropped); this service's own loop turns them into hub messages
/// and sends them. A failed send is logged and the loop goes on.
/// </summary>
public sealed partial class RunHubBridge(RunEvents events, IHubContext<RunsHub> hub, IDbContextFactory<TrackerDbContext> contexts,
    ILogger<RunHubBridge> logger) : BackgroundService
{
    /// <summary>Items waiting to be sent before the oldest are dropped (a stalled hub must not grow memory).</summary>
    public const int Capacity = 10_000;

    private readonly Channel<object> _news = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private IDisposable? _subscription;

    /// <summary>The epoch messages one committed append holds: its points grouped by (epoch, step), per-step keys
    /// left out, groups with no key left dropped; in the order of their first point.</summary>
    public static IReadOnlyList<EpochCompletedMessage> EpochsOf(MetricsAppended batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return [.. batch.Points
            .Where(p => p.Epoch is not null && !p.Key.EndsWith("_step", StringComparison.Ordinal))
            .GroupBy(p => (Epoch: p.Epoch!.Value, p.Step))
            .Select(g =>
            {
                var values = new Dictionary<string, double?>(StringComparer.Ordinal);
                foreach (var point in g)
                {
                    values[point.Key] = double.IsFinite(point.Value) ? point.Value : null;
                }

                return new EpochCompletedMessage(batch.RunId, g.Key.Epoch, g.Key.Step, values);
            })];
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the server takes requests, so no commit after start-up is missed.
        _subscription = events.Subscribe(
            change =>
            {
                if (change.Kind is RunChangeKind.Created or RunChangeKind.StatusChanged or RunChangeKind.Deleted)
                {
                    _news.Writer.TryWrite(change);
                }
            },
            batch => _news.Writer.TryWrite(batch));
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _news.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _news.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(item, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // One message that cannot be sent must not end the feed for every other client.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    SendFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Server shutdown.
        }
    }

    private async Task SendAsync(object item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case MetricsAppended batch:
                var group = hub.Clients.Group(RunsHub.GroupOf(batch.RunId));
                foreach (var message in EpochsOf(batch))
                {
                    await group.SendAsync(RunHubMessages.EpochCompleted, message, cancellationToken);
                }

                break;
            case RunChange change:
                var failure = change.Status == RunStatus.Failed && change.Kind == RunChangeKind.StatusChanged
                    ? await FailureMessageAsync(change.RunId, cancellationToken)
                    : null;
                await hub.Clients.Group(RunsHub.GroupOf(change.RunId)).SendAsync(RunHubMessages.RunStatusChanged,
                    new RunStatusChangedMessage(change.RunId, change.Status.ToString(), change.Kind.ToString(), failure), cancellationToken);
                break;
        }
    }

    private async Task<string?> FailureMessageAsync(long runId, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using (context)
        {
            return await context.Runs.Where(r => r.Id == runId).Select(r => r.FailureMessage).FirstOrDefaultAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run hub message could not be sent")]
    private static partial void SendFailed(ILogger logger, Exception exception);
}
