using System.Buffers.Binary;
using VmatTracker.Tests.Cli;
using VmatTracker.Tests.Data;
using static VmatTracker.Tests.Reports.ReportStoreBuilder;

namespace VmatTracker.Tests.Reports;

/// <summary><c>vmat report</c> over four runs recorded through RunRecorder into a real SQLite file.</summary>
public sealed class ReportCommandTests
{
    private static Dictionary<string, object> Config(bool gradient, bool dvh, bool structure, int batch = 2) => new()
    {
        ["seed"] = 42,
        ["exp_name"] = "x",
        ["epochs"] = 100,
        ["batch_size"] = batch,
        ["use_gradient_loss"] = gradient,
        ["use_dvh_loss"] = dvh,
        ["use_structure_weighted"] = structure,
    };

    [Fact]
    public async Task Report_FourRuns_TablesMatchStoredValuesAndFiguresAreValidPngs()
    {
        // Arrange: the seed record's four runs with two test cases each; the DVH-aware run has no PTV gamma.
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync();
        var evalFolder = store.Folder.File("eval-grad");
        var source = WriteDvh(evalFolder, "case_0007", 1.5);
        var baseline = await RecordAsync(store, new Spec("Baseline", Config(false, false, false), [4.5, 3.73, 3.9], 9180,
            new Dictionary<string, (double, double, double?, double)> { ["case_0007"] = (1.67, 19.9, 80, -20.5), ["case_0021"] = (1.19, 8.5, 70, -19.5) }), token);
        var grad = await RecordAsync(store, new Spec("Grad Loss", Config(true, false, false), [4.1, 3.67], 6660,
            new Dictionary<string, (double, double, double?, double)> { ["case_0007"] = (1.77, 41.3, 90, -7.5), ["case_0021"] = (1.11, 14.5, 85, -6.5) },
            EvaluationSource: source), token);
        var dvhAware = await RecordAsync(store, new Spec("DVH-Aware", Config(true, true, false), [3.61], 40320,
            new Dictionary<string, (double, double, double?, double)> { ["case_0007"] = (1.25, 28.9, null, -7.25), ["case_0021"] = (0.65, 26.5, null, -6.75) }), token);
        var structure = await RecordAsync(store, new Spec("Struct-Weight", Config(true, false, true, batch: 1), [3.2, 2.91], 9432,
            new Dictionary<string, (double, double, double?, double)> { ["case_0007"] = (1.64, 33.4, 95, -7), ["case_0021"] = (1.16, 29.0, 93, -6) }), token);
        var output = store.Folder.File("report");

        // Act
        var (exitCode, stdout, stderr) = CliRunner.Run("report", "--runs", $"{baseline},{grad},{dvhAware},{structure}",
            "--out", output, "--db", store.DatabasePath);

        // Assert: the key-results table, row by row, from the stored values.
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("report.md", stdout, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), token);
        var keyResults = Table(report, "### Key Results");
        Assert.Equal(["Metric", "Baseline (baseline)", "Grad Loss", "DVH-Aware", "Struct-Weight"], keyResults[0]);
        Assert.Equal(["Val MAE", "3.73 Gy", "3.67 Gy", "3.61 Gy", "**2.91 Gy**"], Row(keyResults, "Val MAE"));
        Assert.Equal(["Test MAE", "1.43 ± 0.24 Gy", "1.44 ± 0.33 Gy", "**0.95 ± 0.30 Gy**", "1.40 ± 0.24 Gy"], Row(keyResults, "Test MAE"));
        Assert.Equal(["Gamma (3%/3mm)", "14.2 ± 5.7%", "27.9 ± 13.4%", "27.7 ± 1.2%", "**31.2 ± 2.2%**"], Row(keyResults, "Gamma (3%/3mm)"));
        Assert.Equal("n/a (the evaluation has no PTV gamma (3%/3mm) values)", Row(keyResults, "PTV gamma (3%/3mm)")[3]);
        Assert.Equal(["PTV70 D95 gap", "-20.00 ± 0.50 Gy", "-7.00 ± 0.50 Gy", "-7.00 ± 0.25 Gy", "**-6.50 ± 0.50 Gy**"], Row(keyResults, "PTV70 D95 gap"));
        Assert.Equal(["Training time", "2.55 h", "**1.85 h**", "11.20 h", "2.62 h"], Row(keyResults, "Training time"));

        // Per-case table of the structure-weighted run, with its mean row.
        var cases = Table(report, "#### Struct-Weight (run");
        Assert.Equal(["case_0007", "1.64", "33.4", "95.0", "-7.00"], Row(cases, "case_0007"));
        Assert.Equal(["**Mean**", "**1.40 ± 0.24**", "**31.2 ± 2.2**", "**94.0 ± 1.0**", "**-6.50 ± 0.50**"], Row(cases, "**Mean**"));

        // Two test cases: every statistics cell says so instead of printing a number.
        var stats = Table(report, "#### Test MAE\n");
        Assert.Equal(3, stats.Count - 1);
        Assert.All(stats.Skip(1), row => Assert.Equal("too few paired cases (n = 2; at least 5 needed)", row[4]));

        // Reproducibility, dataset and configuration.
        Assert.Contains("vmat train --exp_name Struct-Weight --data_dir /data/npz --seed 42", report, StringComparison.Ordinal);
        Assert.Contains("- **Commit:** `8b08506f00dfeed` (branch main, clean)", report, StringComparison.Ordinal);
        Assert.Contains("- Test: case_0007, case_0021", report, StringComparison.Ordinal);
        Assert.Equal(["Baseline (baseline)", "23", "19 (83%)", "2 (9%)", "2 (9%)", "42", "n/a", "n/a"], Row(Table(report, "## 3. Dataset"), "Baseline (baseline)"));
        var config = Table(report, "## 5. Training Configuration");
        Assert.Equal(["**use_structure_weighted**", "**false**", "**false**", "**false**", "**true**"], Row(config, "**use_structure_weighted**"));
        Assert.Equal(["epochs", "100", "100", "100", "100"], Row(config, "epochs"));
        Assert.Contains("- **Struct-Weight** (run 4): `batch_size`: 2 → 1; `use_gradient_loss`: false → true; `use_structure_weighted`: false → true", report, StringComparison.Ordinal);
        Assert.Contains("## 8. Analysis", report, StringComparison.Ordinal);
        Assert.Contains("## 9. Limitations", report, StringComparison.Ordinal);

        // Figures: every one drawn (DVH from the grad run's stored evaluation folder) and a real PNG.
        foreach (var name in new[] { "fig1_model_comparison.png", "fig2_training_curves.png", "fig3_case_metrics.png", "fig4_dvh.png" })
        {
            Assert.Contains($"](figures/{name})", report, StringComparison.Ordinal);
            var (width, height) = PngSize(Path.Combine(output, "figures", name));
            Assert.True(width > 100 && height > 100, $"{name}: {width} x {height}");
        }
    }

    [Fact]
    public async Task Report_NoEvaluationsOrSeries_SaysWhyInsteadOfNumbers()
    {
        // Arrange: two runs with a validation series only, no evaluation.
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync();
        var a = await RecordAsync(store, new Spec("A", Config(false, false, false), [3.0], 100, new Dictionary<string, (double, double, double?, double)>()), token);
        var b = await RecordAsync(store, new Spec("B", Config(true, false, false), [2.0], 100, new Dictionary<string, (double, double, double?, double)>()), token);
        var output = store.Folder.File("report");

        // Act
        var (exitCode, _, stderr) = CliRunner.Run("report", "--runs", $"{a},{b}", "--baseline", $"{b}", "--out", output, "--db", store.DatabasePath);

        // Assert
        Assert.True(exitCode == 0, stderr);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), token);
        var keyResults = Table(report, "### Key Results");
        Assert.Equal(["Metric", "A", "B (baseline)"], keyResults[0]);
        Assert.Equal(["Test MAE", "n/a (no test evaluation stored)", "n/a (no test evaluation stored)"], Row(keyResults, "Test MAE"));
        Assert.Contains("#### Figure 1: Model comparison\nn/a (no run has a test evaluation)", report, StringComparison.Ordinal);
        Assert.Contains("#### Figure 4: Cumulative DVH\nn/a (A: no DVH curves stored; B: no DVH curves stored)", report, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "figures", "fig1_model_comparison.png")));
        Assert.True(File.Exists(Path.Combine(output, "figures", "fig2_training_curves.png")));
    }

    [Fact]
    public async Task Report_RunTaggedBaseline_IsTheBaselineWithoutTheFlag()
    {
        // Arrange
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync();
        var a = await RecordAsync(store, new Spec("A", Config(false, false, false), [3.0], 100, new Dictionary<string, (double, double, double?, double)>()), token);
        var b = await RecordAsync(store, new Spec("B", Config(true, false, false), [2.0], 100, new Dictionary<string, (double, double, double?, double)>()), token);
        await store.Recorder.SetTagAsync(b, "baseline", "", token);
        var output = store.Folder.File("report");

        // Act
        var (exitCode, _, stderr) = CliRunner.Run("report", "--runs", $"{a},{b}", "--out", output, "--db", store.DatabasePath);

        // Assert
        Assert.True(exitCode == 0, stderr);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), token);
        Assert.Equal(["Metric", "A", "B (baseline)"], Table(report, "### Key Results")[0]);
        Assert.Contains("- **A** (run 1): `use_gradient_loss`: true → false", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,x", "error: --runs: 'x' is not a run ID")]
    [InlineData("1,99", "error: run 99 is not in the store")]
    [InlineData("1,1", "error: run 1 is named more than once")]
    public async Task Report_BadRuns_ClearErrorAndExitCode1(string runs, string expected)
    {
        // Arrange
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync();
        await RecordAsync(store, new Spec("A", Config(false, false, false), [3.0], 100, new Dictionary<string, (double, double, double?, double)>()), token);

        // Act
        var (exitCode, _, stderr) = CliRunner.Run("report", "--runs", runs, "--out", store.Folder.File("r"), "--db", store.DatabasePath);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BaselineOutsideRuns_ClearError()
    {
        using var store = await TestStore.CreateAsync();

        var (exitCode, _, stderr) = CliRunner.Run("report", "--runs", "1,2", "--baseline", "3", "--out", store.Folder.File("r"), "--db", store.DatabasePath);

        Assert.Equal(1, exitCode);
        Assert.Contains("the baseline run 3 is not one of the report's runs (1,2)", stderr, StringComparison.Ordinal);
    }

    /// <summary>The rows of the first Markdown table after <paramref name="heading"/>, header first, separator left out.</summary>
    internal static List<string[]> Table(string report, string heading)
    {
        var start = report.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' in the report");
        var lines = report[start..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        return [.. lines.Where(l => !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())];
    }

    internal static string[] Row(List<string[]> table, string first) =>
        table.FirstOrDefault(r => r[0] == first) ?? throw new Xunit.Sdk.XunitException($"no row '{first}' in {string.Join(" / ", table.Select(r => r[0]))}");

    /// <summary>Checks the PNG signature and IHDR chunk and returns the image size.</summary>
    internal static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path}: {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
