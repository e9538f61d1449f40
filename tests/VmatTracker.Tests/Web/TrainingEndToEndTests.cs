using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Queue;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web;

[Collection(TorchCollection.Name)]
public sealed class TrainingEndToEndTests
{
    [Fact]
    public async Task LaunchAsync_TinyRunOnTheDemoPhantoms_TrainedByTheServerToCompleted()
    {
        // Arrange: the real server with its 3 demo phantoms (32³ at 8 mm) and the real trainer.
        torch.set_num_threads(1);
        using var factory = new VmatAppFactory();
        var dataset = await factory.WaitForDatasetAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(DatasetPhase.Ready, dataset.Phase);
        var launcher = factory.Services.GetRequiredService<RunLauncher>();
        var options = factory.TinyRunOptions("tiny-web", dataset);

        // Act
        var runId = await launcher.LaunchAsync(options, new RunLaunch("web-e2e", null, null), TestContext.Current.CancellationToken);

        // Assert: Completed in the store, with its validation metric, its checkpoint and live log lines.
        var queries = factory.Services.GetRequiredService<RunQueries>();
        await StoreWait.UntilStatusAsync(queries, runId, RunStatus.Completed, TimeSpan.FromMinutes(3));
        var run = (await queries.GetAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.Null(run.FailureMessage);
        Assert.True(run.Summary.Metrics["val/mae_gy"].Last is double mae && double.IsFinite(mae));
        Assert.NotEmpty(run.Checkpoints);
        Assert.NotEmpty(factory.Services.GetRequiredService<RunLogs>().Tail(runId)!);
        Assert.True(File.Exists(Path.Combine(options.RunFolder, "metrics.csv")));
        Assert.Empty(factory.Services.GetRequiredService<TrainingQueue>().Snapshot().Running);
        SqliteConnection.ClearAllPools();
    }
}
