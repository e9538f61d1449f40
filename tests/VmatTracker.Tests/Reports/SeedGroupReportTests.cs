using VmatTracker.Data.Queries;
using VmatTracker.Reports;
using VmatTracker.Tests.Data;
using static VmatTracker.Tests.Reports.ReportCommandTests;
using static VmatTracker.Tests.Reports.ReportStoreBuilder;

namespace VmatTracker.Tests.Reports;

/// <summary>Seeds of one recipe grouped, their mean ± std, and the paired statistics cells of the report.</summary>
public sealed class SeedGroupReportTests
{
    // The known Wilcoxon pair (exact p = 0.0391 for x against y).
    private static readonly double[] s_x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] s_y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

    // reference-spec 4.5: three baseline seeds with test MAE 4.80, 4.33, 3.51 aggregate to 4.21 ± 0.53.
    private static readonly double[] s_seedMeans = [4.80, 4.33, 3.51];
    private static readonly int[] s_seeds = [42, 123, 456];

    private static Dictionary<string, object> Config(string recipe, int seed) => new()
    {
        ["seed"] = seed,
        ["exp_name"] = $"{recipe}_s{seed}",
        ["log_dir"] = $"/runs/{recipe}_s{seed}",
        ["recipe"] = recipe,
    };

    // Each seed's cases are the base values shifted so the seed's mean MAE is the wanted one; the shift is the same
    // for every case of a seed, so the per-case means over seeds keep the base differences between recipes.
    private static Dictionary<string, (double, double, double?, double)> Cases(double[] values, double seedMean, int take = 9)
    {
        var shift = seedMean - values.Average();
        return Enumerable.Range(0, take).ToDictionary(i => $"case_{i:00}", i => (values[i] + shift, 50.0 + i, (double?)null, -1.0 - (0.1 * i)));
    }

    [Fact]
    public async Task Report_ThreeSeedRecipes_MeanStdAndStatisticsCells()
    {
        // Arrange: baseline and structure-weighted with three seeds each; gradient with one seed whose differences
        // mirror the structure-weighted ones (same p); DVH with one seed evaluated on three cases only.
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync();
        var ids = new List<long>();
        for (var s = 0; s < 3; s++)
        {
            ids.Add(await RecordAsync(store, new Spec("Baseline", Config("baseline", s_seeds[s]), [5.0], 3600, Cases(s_y, s_seedMeans[s])), token));
        }

        var structureMeans = s_seedMeans.Select(m => m + s_x.Average() - s_y.Average()).ToArray();
        for (var s = 0; s < 3; s++)
        {
            ids.Add(await RecordAsync(store, new Spec("Struct", Config("struct", s_seeds[s]), [4.0], 3600, Cases(s_x, structureMeans[s])), token));
        }

        double[] mirrored = [.. s_y.Select((y, i) => y - (s_x[i] - y))];
        ids.Add(await RecordAsync(store, new Spec("Grad", Config("grad", 42), [4.5], 3600, Cases(mirrored, mirrored.Average() + s_seedMeans.Average() - s_y.Average())), token));
        ids.Add(await RecordAsync(store, new Spec("DVH", Config("dvh", 42), [4.4], 3600, Cases(s_y, 4.0, take: 3)), token));
        var output = store.Folder.File("report");

        // Act
        var report = await new ReportBuilder(store.Queries, TimeProvider.System).BuildAsync(ids, null, token);
        await ReportWriter.WriteAsync(report, output, token);
        var text = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), token);

        // Assert: four recipes, the seeds of one recipe together.
        Assert.Equal(["Baseline", "Struct", "Grad", "DVH"], report.Recipes.Select(r => r.Label));
        Assert.Equal(ids[..3], report.BaselineRecipe.Runs.Select(r => r.Id));
        var groups = Table(text, "### 6.5 Seed Groups");
        var baselineRow = Row(groups, "Baseline (baseline)");
        Assert.Equal($"{ids[0]} (42), {ids[1]} (123), {ids[2]} (456)", baselineRow[1]);
        Assert.Equal("4.21 ± 0.53 Gy (n = 3)", baselineRow[3]);
        Assert.Equal("5.00 ± 0.00 Gy (n = 3)", baselineRow[2]);

        // Test MAE family: Struct and Grad both have p = 0.0391 (exact); Holm over the two gives 0.0781; DVH has too few.
        var mae = Table(text, "#### Test MAE\n");
        var structure = Row(mae, "Struct");
        Assert.Equal("9", structure[1]);
        Assert.StartsWith("0.432 [", structure[2], StringComparison.Ordinal);
        Assert.Equal("0.0391 (exact, W = 5.0)", structure[3]);
        Assert.Equal("0.0781", structure[4]);
        var gradient = Row(mae, "Grad");
        Assert.StartsWith("-0.432 [", gradient[2], StringComparison.Ordinal);
        Assert.Equal("0.0391 (exact, W = 5.0)", gradient[3]);
        Assert.Equal("0.0781", gradient[4]);
        Assert.Equal(["DVH", "3", "too few paired cases (n = 3; at least 5 needed)", "too few paired cases (n = 3; at least 5 needed)",
            "too few paired cases (n = 3; at least 5 needed)"], Row(mae, "DVH"));

        // Gamma: identical per-case values in every recipe: no non-zero difference, p = 1.
        Assert.Equal("1.0000 (all differences zero)", Row(Table(text, "#### Gamma (3%/3mm)\n"), "Struct")[3]);
    }

    [Fact]
    public void RecipeKey_SeedNamesAndOutputPathsIgnored_OtherParametersOrGroupKeySeparate()
    {
        // Arrange
        static RunListItem Run(long id, string? group, params (string Key, object? Value)[] parameters) => new(id, "e", "n",
            VmatTracker.Data.RunStatus.Completed, DateTime.UnixEpoch, null, null, null, false, group,
            parameters.ToDictionary(p => p.Key, p => p.Value), new Dictionary<string, string>(), new Dictionary<string, MetricSummaryView>());
        var a = Run(1, null, ("seed", 42L), ("exp_name", "a"), ("trainer.output_dir", "/x"), ("lr", 1e-4), ("use_gradient_loss", true));
        var b = Run(2, null, ("seed", 123L), ("exp_name", "b"), ("trainer.output_dir", "/y"), ("lr", 1e-4), ("use_gradient_loss", true));
        var c = Run(3, null, ("seed", 42L), ("exp_name", "a"), ("lr", 1e-4), ("use_gradient_loss", false));
        var d = Run(4, "recipe-1", ("seed", 1L), ("lr", 5.0));
        var e = Run(5, "recipe-1", ("seed", 2L), ("lr", 7.0));

        // Act / Assert
        Assert.Equal(SeedGroups.RecipeKey(a), SeedGroups.RecipeKey(b));
        Assert.NotEqual(SeedGroups.RecipeKey(a), SeedGroups.RecipeKey(c));
        Assert.Equal(SeedGroups.RecipeKey(d), SeedGroups.RecipeKey(e));
        Assert.NotEqual(SeedGroups.RecipeKey(a), SeedGroups.RecipeKey(d));
    }
}
