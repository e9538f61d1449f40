using System.Text.Json;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Engine.OpenKbp;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Cli;

public sealed class OpenKbpCommandTests
{
    [Fact]
    public void ImportOpenKbp_OneBadPatient_ImportsTheOthersNamesTheFileAndExitsNonZero()
    {
        // Arrange: a good synthetic patient and one with a duplicated dose index
        using var temp = new TempFolder("openkbp-cli");
        var source = Directory.CreateDirectory(temp.File("src")).FullName;
        OpenKbpSample.WriteSyntheticPatient(source, "pt_1");
        var bad = OpenKbpSample.WriteSyntheticPatient(source, "pt_2");
        File.WriteAllText(Path.Combine(bad, "dose.csv"), ",data\n10,1.0\n10,2.0\n");
        var output = temp.File("out");

        // Act
        var (exitCode, stdout, stderr) = CliRunner.Run("data", "import-openkbp", source, "--out", output);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("pt_1: imported", stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 2 patients imported", stdout, StringComparison.Ordinal);
        Assert.Contains($"error: pt_2: {Path.Combine(bad, "dose.csv")}: line 3: index 10 appears twice", stderr, StringComparison.Ordinal);
        Assert.Equal(["pt_1.npz"], Directory.GetFiles(output).Select(Path.GetFileName));
        var imported = CaseFile.Read(Path.Combine(output, "pt_1.npz"));
        Assert.Equal("head_and_neck", imported.Metadata.Site);
        Assert.Equal(["PTV63", "PTV56", "Brainstem", "RightParotid", "LeftParotid", "Esophagus", "Larynx", "Mandible"],
            imported.Metadata.AbsentStructures);
    }

    [Fact]
    public void ImportOpenKbp_FolderWithoutPatients_ExitsNonZeroAndSaysSo()
    {
        // Arrange
        using var temp = new TempFolder("openkbp-cli");

        // Act
        var (exitCode, _, stderr) = CliRunner.Run("data", "import-openkbp", temp.Path, "--out", temp.File("out"));

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("holds no OpenKBP patient folders", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenKbpScore_Json_HasOpenKbpShapeAndNames()
    {
        // Arrange: the reference dose predicted 10 % high
        using var temp = new TempFolder("openkbp-cli");
        var reference = Directory.CreateDirectory(temp.File("reference")).FullName;
        var folder = OpenKbpSample.WriteSyntheticPatient(reference, "pt_5");
        var predictions = Directory.CreateDirectory(temp.File("predictions")).FullName;
        File.WriteAllLines(Path.Combine(predictions, "pt_5.csv"), File.ReadAllLines(Path.Combine(folder, "dose.csv"))
            .Select(l => l.StartsWith(',') ? l : l.Replace(",70", ",77", StringComparison.Ordinal).Replace(",20", ",22", StringComparison.Ordinal)));

        // Act
        var (exitCode, stdout, stderr) = CliRunner.Run("openkbp", "score", "--reference", reference, "--predictions", predictions, "--json");

        // Assert: 64 PTV voxels off by 7 Gy and 20 cord voxels off by 2 Gy, over 31 × 16 × 31 possible-dose voxels
        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["dose_score", "dvh_score", "patients"], root.EnumerateObject().Select(p => p.Name));
        var patient = root.GetProperty("patients").GetProperty("pt_5");
        Assert.Equal(((64 * 7.0) + (20 * 2.0)) / (31 * 16 * 31), patient.GetProperty("dose_error").GetDouble(), 1e-12);
        Assert.Equal(root.GetProperty("dose_score").GetDouble(), patient.GetProperty("dose_error").GetDouble());
        var dvh = patient.GetProperty("dvh");
        Assert.Equal(["D_99", "D_95", "D_1"], dvh.GetProperty("PTV70").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["D_0.1_cc", "mean"], dvh.GetProperty("SpinalCord").EnumerateObject().Select(p => p.Name));
        Assert.Equal(7.0, dvh.GetProperty("PTV70").GetProperty("D_95").GetDouble(), 1e-12);
        Assert.Equal(2.0, dvh.GetProperty("SpinalCord").GetProperty("mean").GetDouble(), 1e-12);
        Assert.Equal((7.0 * 3 + 2.0 * 2) / 5, root.GetProperty("dvh_score").GetDouble(), 1e-12);
    }

    [Fact]
    public void OpenKbpScore_Table_PrintsPatientsAndOverall()
    {
        // Arrange: a perfect prediction
        using var temp = new TempFolder("openkbp-cli");
        var reference = Directory.CreateDirectory(temp.File("reference")).FullName;
        var folder = OpenKbpSample.WriteSyntheticPatient(reference, "pt_6");
        var predictions = Directory.CreateDirectory(temp.File("predictions")).FullName;
        File.Copy(Path.Combine(folder, "dose.csv"), Path.Combine(predictions, "pt_6.csv"));

        // Act
        var (exitCode, stdout, _) = CliRunner.Run("openkbp", "score", "--reference", reference, "--predictions", predictions);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Matches(@"pt_6\s+0\.0000\s+0\.0000", stdout);
        Assert.Matches(@"overall\s+0\.0000\s+0\.0000", stdout);
    }
}
