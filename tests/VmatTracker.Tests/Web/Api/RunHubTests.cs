using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Hubs;

namespace VmatTracker.Tests.Web.Api;

/// <summary>The hub on the real Kestrel server, through the .NET SignalR client; runs are written through the server's
/// own RunRecorder, as its trainer and the ingest API write them.</summary>
public sealed class RunHubTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly VmatAppFactory _factory = new();
    private readonly Channel<EpochCompletedMessage> _epochs = Channel.CreateUnbounded<EpochCompletedMessage>();
    private readonly Channel<RunStatusChangedMessage> _statuses = Channel.CreateUnbounded<RunStatusChangedMessage>();
    private HubConnection? _connection;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HubConnection Connection => _connection!;

    private RunRecorder Recorder => _factory.Services.GetRequiredService<RunRecorder>();

    public async ValueTask InitializeAsync()
    {
        _connection = new HubConnectionBuilder().WithUrl(new Uri(_factory.Address, RunsHub.Path)).Build();
        _connection.On<EpochCompletedMessage>(RunHubMessages.EpochCompleted, m => _epochs.Writer.TryWrite(m));
        _connection.On<RunStatusChangedMessage>(RunHubMessages.RunStatusChanged, m => _statuses.Writer.TryWrite(m));
        await _connection.StartAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task JoinRun_MetricsAppended_EpochCompletedWithTheEpochsValuesOnlyForTheJoinedRun()
    {
        // Arrange
        var watched = await Recorder.CreateRunAsync(new NewRun { Experiment = "hub", Name = "watched" }, Token);
        var other = await Recorder.CreateRunAsync(new NewRun { Experiment = "hub", Name = "other" }, Token);
        await Connection.InvokeAsync("JoinRun", watched, Token);

        // Act: a run not joined first, then a per-step point and one epoch's values (one of them NaN) for the joined one.
        await Recorder.AppendMetricsAsync(other, [new MetricValue("val/mae_gy", 4, 0, 9.9)], Token);
        await Recorder.AppendMetricsAsync(watched, [new MetricValue("train/loss_step", 10, 0, 0.5)], Token);
        await Recorder.AppendMetricsAsync(watched,
        [
            new MetricValue("train/loss_epoch", 12, 0, 0.25),
            new MetricValue("val/mae_gy", 12, 0, 3.5),
            new MetricValue("val/gamma_3mm3pct", 12, 0, double.NaN),
        ], Token);

        // Assert: the first message is the epoch's (sent in commit order, so nothing else came first)
        var message = await NextAsync(_epochs);
        Assert.Equal((watched, 0, 12L), (message.RunId, message.Epoch, message.Step));
        Assert.Equal(3, message.Metrics.Count);
        Assert.Equal(0.25, message.Metrics["train/loss_epoch"]);
        Assert.Equal(3.5, message.Metrics["val/mae_gy"]);
        Assert.Null(message.Metrics["val/gamma_3mm3pct"]);
        Assert.False(_epochs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task JoinRun_StatusChanges_RunStatusChangedWithTheFailureMessage()
    {
        // Arrange
        var run = await Recorder.CreateRunAsync(new NewRun { Experiment = "hub", Name = "failing" }, Token);
        await Connection.InvokeAsync("JoinRun", run, Token);

        // Act
        await Recorder.StartAsync(run, Token);
        await Recorder.FailAsync(run, "out of memory at epoch 3", Token);

        // Assert
        var started = await NextAsync(_statuses);
        var failed = await NextAsync(_statuses);
        Assert.Equal(new RunStatusChangedMessage(run, "Running", "StatusChanged", null), started);
        Assert.Equal(new RunStatusChangedMessage(run, "Failed", "StatusChanged", "out of memory at epoch 3"), failed);
    }

    [Fact]
    public async Task LeaveRun_AfterJoin_NoMoreMessages()
    {
        // Arrange
        var run = await Recorder.CreateRunAsync(new NewRun { Experiment = "hub", Name = "left" }, Token);
        var marker = await Recorder.CreateRunAsync(new NewRun { Experiment = "hub", Name = "marker" }, Token);
        await Connection.InvokeAsync("JoinRun", run, Token);
        await Connection.InvokeAsync("JoinRun", marker, Token);

        // Act
        await Connection.InvokeAsync("LeaveRun", run, Token);
        await Recorder.StartAsync(run, Token);
        await Recorder.StartAsync(marker, Token);

        // Assert: the marker's message arrives, the left run's (sent before it) never did
        var first = await NextAsync(_statuses);
        Assert.Equal(marker, first.RunId);
    }

    [Fact]
    public async Task JoinRun_UnknownRun_HubErrorNamingIt()
    {
        // Act
        var error = await Assert.ThrowsAsync<HubException>(() => Connection.InvokeAsync("JoinRun", 987654L, Token));

        // Assert
        Assert.Contains("There is no run 987654", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EpochsOf_ImportedHistory_OneMessagePerEpochAndStepWithoutPerStepKeys()
    {
        // Arrange: an append holding two epochs (as an import writes a whole metrics.csv) and per-step losses.
        var batch = new MetricsAppended(7,
        [
            new MetricValue("train/loss_step", 5, 0, 0.9),
            new MetricValue("val/mae_gy", 9, 0, 5.0),
            new MetricValue("val/mae_gy", 19, 1, 4.0),
            new MetricValue("train/loss_epoch", 19, 1, 0.3),
            new MetricValue("no_epoch", 20, null, 1.0),
        ]);

        // Act
        var messages = RunHubBridge.EpochsOf(batch);

        // Assert
        Assert.Equal([(0, 9L), (1, 19L)], messages.Select(m => (m.Epoch, m.Step)));
        Assert.Equal(["val/mae_gy"], messages[0].Metrics.Keys);
        Assert.Equal(4.0, messages[1].Metrics["val/mae_gy"]);
        Assert.Equal(0.3, messages[1].Metrics["train/loss_epoch"]);
    }

    private static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(s_wait);
        return await channel.Reader.ReadAsync(limit.Token);
    }
}
