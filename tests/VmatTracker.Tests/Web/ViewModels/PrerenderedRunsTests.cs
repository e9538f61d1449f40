using System.Text.Json;
using VmatTracker.Data.Entities;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Data;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class PrerenderedRunsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CarryThenRestore_ThroughJson_ShownCellsAndProgressReadAsBefore()
    {
        // Arrange: a finished run and a running one, read from a real store.
        using var store = await TestStore.CreateAsync();
        await AddRunAsync(store, "done", RunStatus.Completed, """{"seed": 123456, "lr": 0.000123456, "use_dvh_loss": true, "site": "prostate", "ckpt": null, "epochs": 4}""");
        await AddRunAsync(store, "live", RunStatus.Running, """{"seed": 7, "lr": 0.0001, "use_dvh_loss": false, "site": "prostate", "ckpt": null, "epochs": 4}""");
        var page = await store.Queries.ListAsync(new RunListQuery(), Token);
        var keys = await new RunKeyQueries(store.Contexts).ListAsync(Token);
        var columns = new[] { "seed", "lr", "use_dvh_loss", "site", "ckpt" }.Select(RunColumn.Parameter).Append(RunColumn.Metric("val/mae_gy", "min")).ToList();

        // Act: the prerender carries the page, the live page reads it back from JSON.
        var carried = PrerenderedRuns.Carry(page.Runs, page.TotalCount, keys, columns)!;
        var restored = JsonSerializer.Deserialize<PrerenderedRuns>(JsonSerializer.Serialize(carried))!.Restore();

        // Assert
        Assert.Equal(["7", "0.0001", "false", "prostate", "", "2.5"], columns.Select(c => c.Cell(restored[0])));
        Assert.Equal(columns.Select(c => c.Cell(page.Runs[1])), columns.Select(c => c.Cell(restored[1])));
        Assert.Equal(page.Runs[1].Params["seed"], restored[1].Params["seed"]);
        Assert.Equal(RunProgress.Of(page.Runs[0]).Text, RunProgress.Of(restored[0]).Text);
        Assert.Equal(page.Runs.Select(r => (r.Id, r.Name, r.Status)), restored.Select(r => (r.Id, r.Name, r.Status)));
    }

    [Fact]
    public async Task Carry_DefaultColumns_KeepsOnlyWhatTheFirstPageShows()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        await AddRunAsync(store, "done", RunStatus.Completed, """{"seed": 1, "epochs": 4}""");
        await AddRunAsync(store, "live", RunStatus.Running, """{"seed": 2, "epochs": 4}""");
        var page = await store.Queries.ListAsync(new RunListQuery(), Token);
        var keys = await new RunKeyQueries(store.Contexts).ListAsync(Token);

        // Act
        var carried = PrerenderedRuns.Carry(page.Runs, page.TotalCount, keys, [RunColumn.Metric("val/mae_gy", "min")])!;

        // Assert: the finished run keeps the shown metric only; the running one also keeps its val/ series for progress.
        var live = carried.Runs.Single(r => r.Name == "live");
        var done = carried.Runs.Single(r => r.Name == "done");
        Assert.Equal(["val/mae_gy"], done.Metrics.Keys);
        Assert.Equal(["val/gamma_3mm3pct", "val/mae_gy"], live.Metrics.Keys.Order());
        Assert.Equal(["epochs"], done.Params.Keys);
        Assert.Equal(keys, carried.Keys);
    }

    [Fact]
    public async Task Carry_PageLargerThanTheLimit_CarriesNothing()
    {
        // Arrange: tags long enough that one page's JSON passes the limit.
        using var store = await TestStore.CreateAsync();
        for (var i = 0; i < 30; i++)
        {
            var id = await AddRunAsync(store, $"r{i}", RunStatus.Completed, "{}");
            await store.Recorder.SetTagAsync(id, "note", new string('x', 2000), Token);
        }

        var page = await store.Queries.ListAsync(new RunListQuery(), Token);

        // Act
        var carried = PrerenderedRuns.Carry(page.Runs, page.TotalCount, new RunKeys([], []), []);

        // Assert
        Assert.Null(carried);
        Assert.NotNull(PrerenderedRuns.Carry(page.Runs.Take(5).ToList(), 5, new RunKeys([], []), []));
    }

    private static async Task<long> AddRunAsync(TestStore store, string name, RunStatus status, string config)
    {
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = name, ConfigJson = config, Status = status }, Token);
        await store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, 2.5), new MetricValue("val/gamma_3mm3pct", 1, 0, 30)], Token);
        return id;
    }
}
