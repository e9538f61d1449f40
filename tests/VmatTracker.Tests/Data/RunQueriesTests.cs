using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

public sealed class RunQueriesTests(QueryStore shared) : IClassFixture<QueryStore>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string[]> NamesAsync(RunQueries queries, string? filter, string? sort = null)
    {
        var page = await queries.ListAsync(new RunListQuery { Filter = filter, Sort = sort }, Token);
        return [.. page.Runs.Select(r => r.Name)];
    }

    [Fact]
    public async Task ListAsync_IssueExampleFilter_ReturnsTheMatchingRuns()
    {
        // Arrange
        var store = shared.Store;

        // Act
        var names = await NamesAsync(store.Queries,
            """params.use_structure_weighted = true and metrics."val/mae_gy".min < 3 and (params.seed = 42 or tags.site = "prostate")""");

        // Assert
        Assert.Equal(["sw42"], names);
    }

    [Theory]
    [InlineData("params.seed = 42", "base42,sw42")]
    [InlineData("params.seed != 42", "nometrics,base123,sw123")]
    [InlineData("params.seed >= 123", "base123,sw123")]
    [InlineData("not params.seed = 42", "nometrics,base123,sw123")]
    [InlineData("params.use_structure_weighted = false", "base123,base42")]
    [InlineData("params.loss contains \"sw\"", "nometrics,sw123,sw42")]
    [InlineData("params.loss = 'mse'", "base123,base42")]
    [InlineData("tags.site = \"prostate\" and not name contains \"sw\"", "base42")]
    [InlineData("tags.site != prostate", "nometrics,base123")]
    [InlineData("metrics.\"val/mae_gy\".max > 5", "base42")]
    [InlineData("metrics.\"val/mae_gy\".last <= 3.1", "base123,sw42")]
    [InlineData("metrics.\"val/mae_gy\".min = null", "nometrics")]
    [InlineData("experiment = baseline or name = \"nometrics\"", "nometrics,base123,base42")]
    [InlineData("status = queued and created >= \"2026-01-01T03:00Z\"", "nometrics,base123")]
    [InlineData("id <= 2", "sw123,sw42")]
    [InlineData("tags.owner = null and params.base_channels = 48 and starred = false", "nometrics,base123,base42,sw123,sw42")]
    public async Task ListAsync_Filter_ReturnsExactlyTheMatchingRunsNewestFirst(string filter, string expected)
    {
        // Arrange
        var store = shared.Store;

        // Act
        var names = await NamesAsync(store.Queries, filter);

        // Assert
        Assert.Equal(expected.Split(','), names);
    }

    [Theory]
    [InlineData("metrics.\"val/mae_gy\".min", "base123,sw42,sw123,base42,nometrics")]
    [InlineData("-metrics.\"val/mae_gy\".min", "base42,sw123,sw42,base123,nometrics")]
    [InlineData("params.seed desc", "base123,sw123,base42,sw42,nometrics")]
    [InlineData("name", "base123,base42,nometrics,sw123,sw42")]
    [InlineData("created asc", "sw42,sw123,base42,base123,nometrics")]
    public async Task ListAsync_Sort_OrdersWithMissingValuesLast(string sort, string expected)
    {
        // Arrange
        var store = shared.Store;

        // Act
        var names = await NamesAsync(store.Queries, null, sort);

        // Assert
        Assert.Equal(expected.Split(','), names);
    }

    [Fact]
    public async Task ListAsync_Paging_ReturnsThePageAndTheTotal()
    {
        // Arrange
        var store = shared.Store;

        // Act
        var page = await store.Queries.ListAsync(new RunListQuery { Sort = "name", Skip = 1, Take = 2, Filter = "params.base_channels = 48" }, Token);

        // Assert
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["base42", "nometrics"], page.Runs.Select(r => r.Name));
        var run = page.Runs[0];
        Assert.Equal(42L, run.Params["seed"]);
        Assert.Equal(false, run.Params["use_structure_weighted"]);
        Assert.Equal("mse", run.Params["loss"]);
        Assert.Equal("prostate", run.Tags["site"]);
        Assert.Equal(3.7, run.Metrics["val/mae_gy"].Min);
        Assert.Equal(6.0, run.Metrics["val/mae_gy"].Max);
        Assert.Equal(3.7, run.Metrics["val/mae_gy"].Last);
        Assert.Equal(RunStatus.Queued, run.Status);
    }

    [Theory]
    [InlineData("params.seed = ", 15)]
    [InlineData("params.seed 42", 13)]
    [InlineData("metrics.\"val/mae_gy\" < 3", 9)]
    [InlineData("(params.seed = 42", 18)]
    [InlineData("colour = red", 1)]
    [InlineData("params.seed = 42 and", 21)]
    [InlineData("status < queued", 1)]
    [InlineData("name = \"open", 8)]
    public async Task ListAsync_BadFilter_ThrowsNamingThePosition(string filter, int position)
    {
        // Arrange
        var store = shared.Store;

        // Act
        var error = await Assert.ThrowsAsync<FilterSyntaxException>(() => store.Queries.ListAsync(new RunListQuery { Filter = filter }, Token));

        // Assert
        Assert.Equal(position - 1, error.Position);
        Assert.StartsWith($"at position {position}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_Runs_ReturnsSummariesInOrderAndSeries()
    {
        // Arrange
        var store = shared.Store;
        var ids = shared.Ids;

        // Act
        var comparison = await store.Queries.CompareAsync([ids["base42"], ids["sw42"], 999], ["val/mae_gy"], Token);

        // Assert
        Assert.Equal(["base42", "sw42"], comparison.Runs.Select(r => r.Name));
        Assert.Equal([ids["base42"], ids["sw42"]], comparison.Series.Select(s => s.RunId));
        Assert.Equal([4.0, 2.9, 3.1], comparison.Series[1].Points.Select(p => p.AsDouble));
        Assert.Equal([10L, 20L, 30L], comparison.Series[1].Points.Select(p => p.Step));
    }

    [Fact]
    public async Task GetAsync_RunWithOutputs_ReturnsCheckpointsEvaluationsAndArtifacts()
    {
        // Arrange
        var (store, ids) = await QueryStore.CreateAsync();
        using var _store = store;
        var id = ids["sw42"];
        await store.Recorder.AddCheckpointAsync(id, new CheckpointInfo("best-a.ckpt", 1, "val/mae_gy", 2.9, IsBest: true), Token);
        await store.Recorder.AddCheckpointAsync(id, new CheckpointInfo("best-b.ckpt", 2, "val/mae_gy", 3.1, IsBest: true), Token);
        await store.Recorder.AddEvaluationAsync(id, new EvaluationInfo
        {
            CheckpointPath = "best-b.ckpt",
            Values = [new(null, null, "mae_gy_mean", 1.4), new("case_0007", "PTV70", "gamma_pass_rate", 41.5)],
        }, Token);
        var file = store.Folder.File("figure.png");
        await File.WriteAllTextAsync(file, "png", Token);
        await store.Recorder.AddArtifactAsync(id, ArtifactInfo.FromFile(file, "figure"), Token);

        // Act
        var detail = await store.Queries.GetAsync(id, Token);

        // Assert
        Assert.NotNull(detail);
        Assert.Equal(["best-a.ckpt", "best-b.ckpt"], detail.Checkpoints.Select(c => c.Path));
        Assert.Equal([false, true], detail.Checkpoints.Select(c => c.IsBest));
        var evaluation = Assert.Single(detail.Evaluations);
        Assert.Equal(detail.Checkpoints[1].Id, evaluation.CheckpointId);
        Assert.Equal(2, evaluation.Values.Count);
        var artifact = Assert.Single(detail.Artifacts);
        Assert.Equal(3, artifact.SizeBytes);
        Assert.Equal("3ba5fe2a9350aa2f6b9d1b0ae05bad2a1a0fe9b9f49fe1cbe9b8b2c4e7d8e3a7".Length, artifact.Sha256!.Length);
        Assert.Null(await store.Queries.GetAsync(12345, Token));
    }
}
