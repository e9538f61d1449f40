using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Services;

namespace VmatTracker.Tests.Web;

[Collection(TorchCollection.Name)]
public sealed class EvaluateCheckpointServerTests
{
    [Fact]
    public async Task QueueEvaluationAsync_TinyTrainedRunsLastCheckpoint_WorkerStoresItsTestEvaluation()
    {
        // Arrange: a tiny run trained by the real server (no test evaluation of its own, so any is ours).
        torch.set_num_threads(1);
        var token = TestContext.Current.CancellationToken;
        using var factory = new VmatAppFactory();
        var dataset = await factory.WaitForDatasetAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(DatasetPhase.Ready, dataset.Phase);
        var launcher = factory.Services.GetRequiredService<RunLauncher>();
        var queue = factory.Services.GetRequiredService<TrainingQueue>();
        var queries = factory.Services.GetRequiredService<RunQueries>();
        var options = factory.TinyRunOptions("tiny-eval", dataset) with { EvaluateTestSet = false };
        var runId = await launcher.LaunchAsync(options, new RunLaunch("web-eval", null, null), token);
        await StoreWait.UntilStatusAsync(queries, runId, RunStatus.Completed, TimeSpan.FromMinutes(3));
        var trained = (await queries.GetAsync(runId, token))!;
        Assert.Empty(trained.Evaluations);
        var last = trained.Checkpoints.Single(c => Path.GetFileName(c.Path) == "last.dat");

        // Act: through the queue and the server's worker.
        var key = await launcher.QueueEvaluationAsync(runId, last.Id, token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        while (queue.Outcome(key) is null)
        {
            await Task.Delay(100, timeout.Token);
        }

        // Assert: the evaluation is stored on the run, linked to that checkpoint, read from the per-checkpoint folder,
        // with one MAE per test case of the run's split; the run itself is still Completed.
        Assert.StartsWith("evaluation ", queue.Outcome(key), StringComparison.Ordinal);
        var run = (await queries.GetAsync(runId, token))!;
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        var evaluation = Assert.Single(run.Evaluations);
        Assert.Equal(last.Id, evaluation.CheckpointId);
        var expectedFile = Path.Combine(CheckpointEvaluationRunner.OutputFolder(options.RunFolder, last.Path), "evaluation_results.json");
        Assert.Equal(Path.GetFullPath(expectedFile), evaluation.Source);
        Assert.True(File.Exists(expectedFile));
        var testCases = run.Dataset!.TestCaseIds;
        var maes = evaluation.Values.Where(v => v.Structure is null && v.CaseId is not null && v.Metric == "dose_metrics.mae_gy").ToList();
        Assert.Equal(testCases.Order(StringComparer.Ordinal), maes.Select(v => v.CaseId!).Order(StringComparer.Ordinal));
        Assert.All(maes, v => Assert.True(v.Value is double mae && double.IsFinite(mae) && mae >= 0));
        Assert.Contains(factory.Services.GetRequiredService<RunLogs>().Tail(runId)!, l => l.Contains("evaluating last.dat: evaluation", StringComparison.Ordinal));
        SqliteConnection.ClearAllPools();
    }
}
