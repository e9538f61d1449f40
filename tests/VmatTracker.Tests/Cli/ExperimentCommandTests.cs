using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class ExperimentCommandTests
{
    [Fact]
    public async Task ReproduceSeed_SmokeShrunkWithPilotTau_RecordsFiveEvaluatedRunsAndPrintsCompareAndReport()
    {
        // Arrange: eight tiny phantoms; smoke size cut to one epoch at base 8 so the five runs take seconds
        using var run = new TinyTrainingRun();
        var root = Path.GetDirectoryName(run.DataDir)!;
        var db = Path.Combine(root, "tracker.db");

        // Act
        var result = CliRunner.Run("experiment", "reproduce-seed", "--data_dir", run.DataDir, "--size", "smoke", "--include-pilot-tau",
            "--epochs", "1", "--base_channels", "8", "--num_workers", "0", "--device", "cpu", "--log_dir", Path.Combine(root, "runs"), "--db", db);

        // Assert: the printed IDs, compare path and report command
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
        var ids = lines.Single(l => l.StartsWith("run IDs: ", StringComparison.Ordinal))["run IDs: ".Length..].Split(',')
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Contains($"compare: /compare?runs={string.Join(',', ids)}&baseline={ids[0]}", lines);
        Assert.Contains($"report: vmat report --runs {string.Join(',', ids)}", lines);

        // every run completed, evaluated on the test split, filed under the experiment with its recipe
        var contexts = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = db });
        await using var context = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var runs = await context.Runs.Include(r => r.Experiment).Include(r => r.Tags).Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["baseline_s42", "grad_loss_0.1_s42", "dvh_aware_loss_s42", "structure_weighted_loss_s42", "structure_weighted_pilot_tau_s42"],
            runs.Select(r => r.Name));
        Assert.All(runs, r => Assert.Equal((RunStatus.Completed, "seed-reproduction"), (r.Status, r.Experiment!.Name)));
        Assert.Equal(["baseline", "gradient", "dvh-aware", "structure-weighted", "structure-weighted-pilot-tau"],
            runs.Select(r => r.Tags.Single(t => t.Key == "recipe").Value));
        Assert.Equal(5, await context.Evaluations.Where(e => ids.Contains(e.RunId)).Select(e => e.RunId).Distinct()
            .CountAsync(TestContext.Current.CancellationToken));

        // the recorded configuration carries the recipe's settings and the smoke size (with the overrides)
        using var structure = JsonDocument.Parse(runs[3].ConfigJson);
        Assert.Equal(1, structure.RootElement.GetProperty("batch_size").GetInt32());
        Assert.Equal("corrected", structure.RootElement.GetProperty("structure_tau_mode").GetString());
        Assert.Equal(1.0, structure.RootElement.GetProperty("structure_weighted_weight").GetDouble());
        Assert.Equal((32, 1, 8), (structure.RootElement.GetProperty("patch_size").GetInt32(), structure.RootElement.GetProperty("epochs").GetInt32(),
            structure.RootElement.GetProperty("base_channels").GetInt32()));
        using var pilot = JsonDocument.Parse(runs[4].ConfigJson);
        Assert.Equal("pilot", pilot.RootElement.GetProperty("structure_tau_mode").GetString());
        using var dvh = JsonDocument.Parse(runs[2].ConfigJson);
        Assert.Equal((true, 0.5, 2), (dvh.RootElement.GetProperty("use_dvh_loss").GetBoolean(), dvh.RootElement.GetProperty("dvh_loss_weight").GetDouble(),
            dvh.RootElement.GetProperty("batch_size").GetInt32()));

        // the comparison (the compare page's table) has every column filled for every run
        var queries = new RunQueries(contexts);
        var compared = new List<(RunListItem, EvaluationView?)>();
        foreach (var id in ids)
        {
            var detail = (await queries.GetAsync(id, TestContext.Current.CancellationToken))!;
            compared.Add((detail.Summary, EvaluationView.Of(detail)));
        }

        var table = new ComparisonTable(compared);
        Assert.True(table.Columns.Count > 6, "the seed's columns plus per-structure MAE");
        for (var row = 0; row < ids.Count; row++)
        {
            for (var column = 0; column < table.Columns.Count; column++)
            {
                Assert.True(table.Value(row, column) is not null, $"{runs[row].Name}: {table.Columns[column].Title} is empty");
            }
        }

        // the report's key-results table holds each run's stored test MAE
        var reportFolder = Path.Combine(root, "report");
        var report = CliRunner.Run("report", "--runs", string.Join(',', ids), "--db", db, "--out", reportFolder);
        Assert.True(report.ExitCode == 0, report.Error + report.Output);
        var testMaeRow = File.ReadAllLines(Path.Combine(reportFolder, "report.md")).Single(l => l.StartsWith("| Test MAE |", StringComparison.Ordinal));
        for (var row = 0; row < ids.Count; row++)
        {
            // "1.35 Gy" with one test case, "1.35 ± 0.06 Gy" with more; the best is in bold
            var cell = string.Create(CultureInfo.InvariantCulture, $"{table.Value(row, 1)!.Value:F2}");
            Assert.Matches($@"\| (\*\*)?{Regex.Escape(cell)} (Gy|±)", testMaeRow);
        }

        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("huge", "--seeds", "42", "--size: 'huge' is not one of smoke, demo, full")]
    [InlineData("smoke", "--seeds", "42,x", "--seeds: 'x' is not a seed")]
    [InlineData("smoke", "--epochs", "0", "--epochs: 0 must be at least 1")]
    public void ReproduceSeed_BadOption_ExitsTwoNamingIt(string size, string flag, string value, string expected)
    {
        // Arrange: a store path that cannot be created, so opening the store would fail the test
        string[] args = ["experiment", "reproduce-seed", "--data_dir", "/nonexistent", "--size", size, "--db", "/nonexistent/vmat.db"];

        // Act
        var result = CliRunner.Run([.. args, flag, value]);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
