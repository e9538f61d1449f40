using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

public sealed class RunRecorderTrainingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetDatasetAsync_RunWithoutThenWithDataset_SetsOnceAndKeepsTheFirst()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "queued" }, Token);

        // Act
        var first = await store.Recorder.SetDatasetAsync(id, new DatasetInfo { Fingerprint = "f1", CaseCount = 8, TestCaseIds = ["case_0003"] }, Token);
        var second = await store.Recorder.SetDatasetAsync(id, new DatasetInfo { Fingerprint = "f2" }, Token);

        // Assert
        Assert.True(first);
        Assert.False(second);
        await using var context = store.NewContext();
        var dataset = await context.DatasetRefs.SingleAsync(d => d.RunId == id, Token);
        Assert.Equal(("f1", 8), (dataset.Fingerprint, dataset.CaseCount));
        Assert.Equal(["case_0003"], dataset.TestCaseIds);
    }

    [Fact]
    public async Task AddEvaluationFileAsync_NestedShape_StoresAggregateAndPerCaseValues()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);
        var path = store.Folder.File("evaluation_results.json");
        await File.WriteAllTextAsync(path, """
            {"aggregate_metrics": {"mae_gy": {"mean": 1.5}},
             "per_case_results": [{"case_id": "case_0007", "dose_metrics": {"mae_gy": 1.25}, "dvh_metrics": {"PTV70": {"D95_error": 0.5}}}]}
            """, Token);

        // Act
        var evaluationId = await store.Recorder.AddEvaluationFileAsync(id, path, checkpointPath: null, Token);

        // Assert
        await using var context = store.NewContext();
        var values = await context.EvaluationValues.Where(v => v.EvaluationId == evaluationId).ToListAsync(Token);
        Assert.Equal(1.5, values.Single(v => v.CaseId is null && v.Metric == "mae_gy.mean").Value);
        Assert.Equal(1.25, values.Single(v => v.CaseId == "case_0007" && v.Metric == "dose_metrics.mae_gy").Value);
        Assert.Equal(0.5, values.Single(v => v.Structure == "PTV70" && v.Metric == "dvh_metrics.D95_error").Value);
    }

    [Fact]
    public async Task AddEvaluationFileAsync_BrokenJson_NamesTheFileAndRecordsNothing()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);
        var path = store.Folder.File("evaluation_results.json");
        await File.WriteAllTextAsync(path, "{\n  \"aggregate_metrics\": {\n", Token);

        // Act
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.Recorder.AddEvaluationFileAsync(id, path, null, Token));

        // Assert
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        await using var context = store.NewContext();
        Assert.False(await context.Evaluations.AnyAsync(e => e.RunId == id, Token));
    }
}
