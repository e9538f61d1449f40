using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Data;
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
}
