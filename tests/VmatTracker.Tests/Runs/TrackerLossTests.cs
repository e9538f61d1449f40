using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Remote;
using VmatTracker.Runs.Training;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;
using VmatTracker.Tests.Web;

namespace VmatTracker.Tests.Runs;

/// <summary>A tracker server that goes away during a run: training must finish, with the run folder complete.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrackerLossTests
{
    [Fact]
    public async Task Run_TrackerLostAfterStart_TrainingCompletesFolderCompleteAndLossLogged()
    {
        // Arrange: the real server; the connection to it breaks after the run is created and started (the edge is
        // faked: from the fifth request on, the network refuses, as with a server that went down)
        await using var factory = new VmatAppFactory();
        using var run = new TinyTrainingRun(cases: 3);
        var options = run.Options with { Epochs = 2, BaseChannels = 16, BatchSize = 1, NumWorkers = 0 };
        using var network = new BreakingHandler(requestsBeforeBreak: 4);
        using var client = new TrackerClient(factory.Address, handler: network);
        var runner = new TrainingRunner(client, TimeProvider.System);
        var recordingLines = new List<string>();
        runner.LogLine += (_, line) =>
        {
            if (line.Message.StartsWith("recording:", StringComparison.Ordinal))
            {
                lock (recordingLines)
                {
                    recordingLines.Add(line.Message);
                }
            }
        };
        var runId = await runner.QueueAsync(options, new RunRequest("lost"), TestContext.Current.CancellationToken);

        // Act
        var result = runner.Run(runId, options, CancellationToken.None);

        // Assert: trained to the end, every epoch in the run folder
        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(2, RunFolderFiles.ReadMetrics(Path.Combine(options.RunFolder, "metrics.csv")).Count(r => r.ContainsKey("val/mae_gy")));
        var log = await File.ReadAllTextAsync(Path.Combine(options.RunFolder, TrainingRunner.LogFileName), TestContext.Current.CancellationToken);
        Assert.Contains("recording: TrackerUnavailableException: The tracker at", log, StringComparison.Ordinal);
        Assert.Contains(recordingLines, l => l.StartsWith("recording: how the run ended was not recorded", StringComparison.Ordinal));

        // the server has what arrived before the break: the run, started, without the lost epochs
        var detail = (await factory.Services.GetRequiredService<RunQueries>().GetAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.Equal(RunStatus.Running, detail.Summary.Status);
        Assert.False(detail.Summary.Metrics.ContainsKey("val/mae_gy"));
        Assert.True(network.Refused > 0);
        SqliteConnection.ClearAllPools();
    }

    private sealed class BreakingHandler(int requestsBeforeBreak) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        public int Refused { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) <= requestsBeforeBreak)
            {
                return base.SendAsync(request, cancellationToken);
            }

            Refused++;
            throw new HttpRequestException("Connection refused (127.0.0.1)", null, HttpStatusCode.ServiceUnavailable);
        }
    }
}
