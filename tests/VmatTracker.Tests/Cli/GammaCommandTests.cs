using System.Text.Json;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Cli;

public sealed class GammaCommandTests
{
    [Fact]
    public void Gamma_ShiftedBlobJson_PrintsEveryKeyWithPlausibleValues()
    {
        // Arrange: a Gaussian blob and the same blob one voxel further along axis 0.
        using var folder = new TempFolder();
        var reference = Write(folder.File("ref.npy"), Blob(0));
        var evaluated = Write(folder.File("eval.npy"), Blob(1));

        // Act
        var (exitCode, output, _) = CliRunner.Run("gamma", "--reference", reference, "--evaluated", evaluated,
            "--spacing-mm", "3,2,2.5", "--json");

        // Assert
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var key in new[] { "pass_rate", "pass_rate_strict", "evaluated_points", "gamma_mean", "gamma_median", "gamma_max", "seconds" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        Assert.InRange(root.GetProperty("pass_rate").GetDouble(), 50, 100);
        Assert.True(root.GetProperty("evaluated_points").GetInt32() > 100);
        Assert.InRange(root.GetProperty("gamma_max").GetDouble(), 0.01, 2);
    }

    [Fact]
    public void Gamma_NothingAboveCutoff_ReportsNullRateAndExitsZero()
    {
        // Arrange
        using var folder = new TempFolder();
        var zeros = Write(folder.File("zeros.npy"), new double[8 * 8 * 8]);

        // Act
        var (exitCode, output, error) = CliRunner.Run("gamma", "--reference", zeros, "--evaluated", zeros, "--spacing-mm", "2", "--json");

        // Assert
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("pass_rate").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("evaluated_points").GetInt32());
        Assert.Contains("cutoff", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gamma_ShapesDiffer_ExitsOneWithReason()
    {
        // Arrange
        using var folder = new TempFolder();
        var a = Write(folder.File("a.npy"), new double[8 * 8 * 8], 8, 8, 8);
        var b = Write(folder.File("b.npy"), new double[8 * 8 * 6], 8, 8, 6);

        // Act
        var (exitCode, _, error) = CliRunner.Run("gamma", "--reference", a, "--evaluated", b, "--spacing-mm", "2");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("error: --reference has shape 8x8x8 but --evaluated has 8x8x6", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gamma_MissingFile_ExitsOneWithReason()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var (exitCode, _, error) = CliRunner.Run("gamma", "--reference", folder.File("none.npy"), "--evaluated",
            folder.File("none.npy"), "--spacing-mm", "2");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    private static double[] Blob(int shift)
    {
        var values = new double[16 * 16 * 16];
        for (var i = 0; i < values.Length; i++)
        {
            var (y, x, z) = ((i / 256) - 8 - shift, (i / 16 % 16) - 8, (i % 16) - 8);
            values[i] = 60 * Math.Exp(-((y * y) + (x * x) + (z * z)) / 18.0);
        }

        return values;
    }

    private static string Write(string path, double[] values, params int[] shape)
    {
        var dims = shape.Length == 3 ? shape : [(int)Math.Round(Math.Cbrt(values.Length)), (int)Math.Round(Math.Cbrt(values.Length)), (int)Math.Round(Math.Cbrt(values.Length))];
        using var file = File.Create(path);
        NpyWriter.Write(file, NpyArray.Create(values, dims));
        return path;
    }
}
