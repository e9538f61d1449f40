using System.Text.Json;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Cli;

public sealed class DataCommandTests
{
    [Fact]
    public void Split_PilotFileNamesSeed42Json_PrintsReferenceSplit()
    {
        // Arrange: the split reads only names, so empty files stand in for the 23 pilot cases
        using var folder = new TempFolder();
        foreach (var i in Enumerable.Range(1, 24).Where(i => i != 13))
        {
            File.WriteAllBytes(folder.File($"case_{i:0000}.npz"), []);
        }

        // Act
        var (exitCode, output, _) = CliRunner.Run("data", "split", folder.Path, "--seed", "42", "--json");

        // Assert
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["case_0021", "case_0007"], json.RootElement.GetProperty("test").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["case_0011", "case_0016"], json.RootElement.GetProperty("val").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(19, json.RootElement.GetProperty("train").GetArrayLength());
    }

    [Fact]
    public void Split_TooFewCases_ExitsNonZeroWithReason()
    {
        // Arrange
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("case_0001.npz"), []);

        // Act
        var (exitCode, _, error) = CliRunner.Run("data", "split", folder.Path);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("at least 3 cases", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyFolder_ExitsNonZeroAndSaysSo()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var (exitCode, _, error) = CliRunner.Run("data", "validate", folder.Path);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("holds no .npz case files", error, StringComparison.Ordinal);
        Assert.Contains(folder.Path, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFolder_ExitsNonZeroNamingIt()
    {
        // Act
        var (exitCode, _, error) = CliRunner.Run("data", "validate", "/nonexistent/vmat-cases");

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.Contains("/nonexistent/vmat-cases", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PhantomsAndOneTextFile_ReportsTheBadFileAndChecksTheRest()
    {
        // Arrange
        using var folder = new TempFolder();
        var (phantomExit, _, phantomError) = CliRunner.Run("phantom", "--out", folder.Path, "--cases", "3", "--seed", "5",
            "--shape", "32,32,32", "--spacing_mm", "8,8,8");
        File.WriteAllText(folder.File("case_9999.npz"), "this is not a zip file");

        // Act
        var (exitCode, output, error) = CliRunner.Run("data", "validate", folder.Path);

        // Assert
        Assert.True(phantomExit == 0, phantomError);
        Assert.Equal(1, exitCode);
        Assert.Contains("4 cases, 3 valid, 1 invalid", output, StringComparison.Ordinal);
        Assert.Contains("case_9999.npz", error, StringComparison.Ordinal);
        Assert.Equal(3, output.Split('\n').Count(line => line.Contains(" ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Phantom_BadShape_ExplainsTheExpectedForm()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        var (exitCode, _, error) = CliRunner.Run("phantom", "--out", folder.Path, "--cases", "1", "--seed", "1",
            "--shape", "64,abc,48");

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.Contains("three positive whole numbers", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Phantom_OutIsAFile_ExitsNonZeroNamingIt()
    {
        // Arrange
        using var folder = new TempFolder();
        var file = folder.File("occupied");
        File.WriteAllText(file, "a file, not a folder");

        // Act
        var (exitCode, _, error) = CliRunner.Run("phantom", "--out", file, "--cases", "1", "--shape", "32", "--spacing-mm", "8");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains($"--out {file}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NormaliseSpellings_SnakeCaseFlags_BecomeKebabCase()
    {
        // Act
        var args = VmatTracker.Cli.CliOptions.NormaliseSpellings(["train", "--data_dir", "/d", "--spacing_mm=4,4,4", "--", "--keep_me"]);

        // Assert
        Assert.Equal(["train", "--data-dir", "/d", "--spacing-mm=4,4,4", "--", "--keep_me"], args);
    }
}
