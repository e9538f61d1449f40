using System.Text.Json;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Data;
using VmatTracker.Web.Components.Pages;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class RunColumnTests
{
    [Fact]
    public void SortKey_NamesWithSlashesAndDots_ParseAsOneField()
    {
        // Act
        var metric = FilterParser.ParseField(RunColumn.Metric("val/mae_gy", "min").SortKey);
        var parameter = FilterParser.ParseField(RunColumn.Parameter("loss.weights.ptv").SortKey);

        // Assert
        Assert.Equal(new RunField(RunFieldKind.Metric, "val/mae_gy", "min"), metric);
        Assert.Equal(new RunField(RunFieldKind.Parameter, "loss.weights.ptv"), parameter);
    }

    [Fact]
    public async Task SortKey_ParameterColumn_SortsTheStoreDescending()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        foreach (var (name, seed) in new[] { ("a", 7), ("b", 123), ("c", 42) })
        {
            await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = name, ConfigJson = $$"""{"seed": {{seed}}}""" }, TestContext.Current.CancellationToken);
        }

        var column = RunColumn.Parameter("seed");

        // Act
        var page = await store.Queries.ListAsync(new RunListQuery { Sort = "-" + column.SortKey }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["b", "c", "a"], page.Runs.Select(r => r.Name));
        Assert.Equal(["123", "42", "7"], page.Runs.Select(column.Cell));
    }

    [Fact]
    public async Task Cell_PageCarriedAsJsonFromThePrerender_ReadsAsBefore()
    {
        // Arrange: the run list's first page goes from the prerender to the live page as JSON (persistent state).
        using var store = await TestStore.CreateAsync();
        await store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "r",
            ConfigJson = """{"seed": 123456, "lr": 0.000123456, "use_dvh_loss": true, "site": "prostate", "ckpt": null}""",
        }, TestContext.Current.CancellationToken);
        var page = await store.Queries.ListAsync(new RunListQuery(), TestContext.Current.CancellationToken);
        var columns = new[] { "seed", "lr", "use_dvh_loss", "site", "ckpt" }.Select(RunColumn.Parameter).ToList();

        // Act
        var carried = JsonSerializer.Deserialize<PrerenderedRuns>(JsonSerializer.Serialize(new PrerenderedRuns(page.Runs, page.TotalCount, new RunKeys(["val/mae_gy"], ["seed"]))))!;

        // Assert
        Assert.Equal(["123456", "0.0001235", "true", "prostate", ""], columns.Select(c => c.Cell(page.Runs[0])));
        Assert.Equal(columns.Select(c => c.Cell(page.Runs[0])), columns.Select(c => c.Cell(carried.Runs[0])));
        Assert.Equal(page.Runs[0].Name, carried.Runs[0].Name);
    }
}
