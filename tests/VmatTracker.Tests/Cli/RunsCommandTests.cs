using System.Text.Json;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Data;

namespace VmatTracker.Tests.Cli;

public sealed class RunsCommandTests
{
    [Fact]
    public async Task RunsList_Json_PrintsRunsWithLowerCaseStatusParamsTagsAndMetricSummaries()
    {
        // Arrange
        var (store, ids) = await QueryStore.CreateAsync();
        using var _store = store;
        await store.Recorder.StartAsync(ids["sw42"], TestContext.Current.CancellationToken);

        // Act
        var (exitCode, output, error) = CliRunner.Run("runs", "list", "--db", store.DatabasePath, "--json",
            "--filter", "params.seed = 42", "--sort", "metrics.\"val/mae_gy\".min");

        // Assert
        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var runs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["sw42", "base42"], runs.Select(r => r.GetProperty("name").GetString()));
        var first = runs[0];
        Assert.Equal(ids["sw42"], first.GetProperty("id").GetInt64());
        Assert.Equal("running", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("params").GetProperty("use_structure_weighted").GetBoolean());
        Assert.Equal(42, first.GetProperty("params").GetProperty("seed").GetInt32());
        Assert.Equal("prostate", first.GetProperty("tags").GetProperty("site").GetString());
        var mae = first.GetProperty("metrics").GetProperty("val/mae_gy");
        Assert.Equal(2.9, mae.GetProperty("min").GetDouble());
        Assert.Equal(4.0, mae.GetProperty("max").GetDouble());
        Assert.Equal(3.1, mae.GetProperty("last").GetDouble());
    }

    [Fact]
    public async Task RunsList_Table_ListsEveryRunAndTheCount()
    {
        // Arrange
        var (store, _) = await QueryStore.CreateAsync();
        using var _store = store;

        // Act
        var (exitCode, output, _) = CliRunner.Run("runs", "list", "--db", store.DatabasePath);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("5 of 5 runs", output, StringComparison.Ordinal);
        Assert.Contains("structure_weighted", output, StringComparison.Ordinal);
        Assert.Contains("val/mae_gy=2.9", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsList_BadFilter_ReportsThePositionAndExitsOne()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        var (exitCode, output, error) = CliRunner.Run("runs", "list", "--db", store.DatabasePath, "--filter", "params.seed >");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("error: at position 14:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsShow_Json_PrintsConfigProvenanceAndMetrics()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "r",
            ConfigJson = """{"seed": 7}""",
            Provenance = ProvenanceInfo.Capture(new ComputeInfo(Device: "cpu")),
        }, TestContext.Current.CancellationToken);
        await store.Recorder.AppendMetricsAsync(id, [new("train/loss", 1, 0, 0.5)], TestContext.Current.CancellationToken);

        // Act
        var (exitCode, output, error) = CliRunner.Run("runs", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--db", store.DatabasePath, "--json");

        // Assert
        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(7, json.RootElement.GetProperty("config").GetProperty("seed").GetInt32());
        Assert.Equal("cpu", json.RootElement.GetProperty("provenance").GetProperty("device").GetString());
        Assert.Equal(0.5, json.RootElement.GetProperty("run").GetProperty("metrics").GetProperty("train/loss").GetProperty("last").GetDouble());
    }

    [Fact]
    public async Task RunsShow_UnknownId_ExitsOneNamingTheRun()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        var (exitCode, _, error) = CliRunner.Run("runs", "show", "42", "--db", store.DatabasePath);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("no run 42", error, StringComparison.Ordinal);
    }
}
