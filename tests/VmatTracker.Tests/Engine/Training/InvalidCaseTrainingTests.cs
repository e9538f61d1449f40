using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Training;

/// <summary>A data folder with an invalid case: training refuses to start unless told to skip invalid cases.</summary>
public sealed class InvalidCaseTrainingTests
{
    private static readonly PhantomOptions s_phantoms = new() { Shape = new VolumeShape(16, 16, 16), Spacing = new VoxelSpacing(8, 8, 8) };

    [Fact]
    public void Open_FolderWithAnInvalidCase_RefusesNamingTheFolderTheFileAndTheWayOut()
    {
        // Arrange
        using var temp = new TempFolder("invalid-cases");
        var dataDir = temp.File("data");
        PhantomDataset.Write(dataDir, 4, s_phantoms, reuseExisting: false, cancellationToken: TestContext.Current.CancellationToken);
        var corrupt = Path.Combine(dataDir, "case_9999.npz");
        File.WriteAllText(corrupt, "this is not a zip archive");
        var log = new List<string>();

        // Act
        var error = Record.Exception(() => TrainingData.Open(Options(temp, dataDir), log.Add, TestContext.Current.CancellationToken));

        // Assert
        var refusal = Assert.IsType<TrainingSetupException>(error);
        Assert.StartsWith("--data_dir: ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 5 cases", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderWithAnInvalidCaseAndSkipInvalid_LogsItAndSplitsTheValidCases()
    {
        // Arrange
        using var temp = new TempFolder("invalid-cases");
        var dataDir = temp.File("data");
        PhantomDataset.Write(dataDir, 4, s_phantoms, reuseExisting: false, cancellationToken: TestContext.Current.CancellationToken);
        var corrupt = Path.Combine(dataDir, "case_9999.npz");
        File.WriteAllText(corrupt, "this is not a zip archive");
        var log = new List<string>();

        // Act
        using var data = TrainingData.Open(Options(temp, dataDir) with { SkipInvalid = true }, log.Add, TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains(log, line => line.StartsWith($"dataset: skipping {corrupt}: ", StringComparison.Ordinal));
        Assert.Equal(4, data.Split.Train.Count + data.Split.Validation.Count + data.Split.Test.Count);
        Assert.DoesNotContain("case_9999", data.Split.Train.Concat(data.Split.Validation).Concat(data.Split.Test));
    }

    private static TrainerOptions Options(TempFolder temp, string dataDir) => new()
    {
        DataDir = dataDir,
        LogDir = temp.File("runs"),
        PatchSize = 16,
        CaseCacheDir = "none",
    };
}
