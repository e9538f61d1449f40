using System.Text.Json;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Cli;

public sealed class EvaluateCommandTests
{
    [Fact]
    public void Evaluate_PhantomCasesWithOneBadPrediction_WritesReportsAndSkipsOnlyTheBadCase()
    {
        // Arrange: three small phantoms; predictions are the truth x 1.02 with a NaN in case 1, wrong shape in case 2,
        // and no file for case 3.
        using var folder = new TempFolder();
        var data = Directory.CreateDirectory(folder.File("data")).FullName;
        var predictions = Directory.CreateDirectory(folder.File("pred")).FullName;
        var options = new PhantomOptions { Shape = new VolumeShape(32, 32, 24), Spacing = new VoxelSpacing(8, 8, 8) };
        PhantomDataset.Write(data, 3, options, reuseExisting: false, null, TestContext.Current.CancellationToken);
        for (var i = 1; i <= 2; i++)
        {
            var truth = CaseFile.Read(Path.Combine(data, $"case_{i:D4}.npz"));
            var dose = truth.Dose.Select(d => d * 1.02f).ToArray();
            dose[0] = float.NaN;
            using var npz = NpzWriter.Create(Path.Combine(predictions, $"case_{i:D4}_pred.npz"));
            npz.Write("dose", i == 1 ? NpyArray.Create(dose, 32, 32, 24) : NpyArray.Create(dose[..(32 * 32 * 12)], 32, 32, 12));
        }

        var output = folder.File("out");

        // Act
        var (exitCode, stdout, error) = CliRunner.Run("evaluate", "--predictions", predictions, "--data_dir", data, "--cases", "all",
            "--gamma-subsample", "1", "--out", output);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("1 of 3 cases evaluated (2 failed)", stdout, StringComparison.Ordinal);
        Assert.Contains("case_0002: the prediction has shape (32, 32, 12)", error, StringComparison.Ordinal);
        Assert.Contains("case_0003: no prediction file", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation_results.json")));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("n_cases").GetInt32());
        var first = root.GetProperty("per_case_results")[0];
        Assert.Equal("case_0001", first.GetProperty("case_id").GetString());
        Assert.InRange(first.GetProperty("gamma").GetProperty("global_3mm3pct").GetProperty("gamma_pass_rate").GetDouble(), 0, 100);
        Assert.Contains("NaN", first.GetProperty("validation_warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("dvh_metrics").GetProperty("PTV70").GetProperty("exists").GetBoolean());
        Assert.Equal(2, root.GetProperty("failed_cases").GetArrayLength());
        using var dvh = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "dvh", "case_0001.json")));
        Assert.Equal(500, dvh.RootElement.GetProperty("Rectum").GetProperty("dose_gy").GetArrayLength());
        using var slices = NpzReader.Open(Path.Combine(output, "slices", "case_0001.npz"));
        Assert.Equal([32, 32], slices.ReadHeader("axial_ct").Shape);
        Assert.Equal([32, 24], slices.ReadHeader("coronal_gamma").Shape);
    }

    [Fact]
    public void Evaluate_MissingFolder_ExitsOneWithReason()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var (exitCode, _, error) = CliRunner.Run("evaluate", "--predictions", folder.File("none"), "--data-dir", folder.Path,
            "--out", folder.File("out"));

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("--predictions", error, StringComparison.Ordinal);
    }
}
