using TorchSharp;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.Sites;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Engine.Models;
using static TorchSharp.torch;

namespace VmatTracker.Tests.Engine.Training;

/// <summary>
/// <c>--ckpt_path</c>: training starts from given weights, ours (.dat) or the reference's Lightning checkpoint (.ckpt).
/// With a learning rate of 1e-12 one epoch moves no weight by more than about 1e-10, so the run's last.dat must hold
/// the starting weights; a fresh initialisation would differ by far more.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StartFromWeightsTests
{
    [Theory]
    [InlineData("weights.dat")]
    [InlineData("reference.ckpt")]
    public void Run_CheckpointPath_TrainingStartsFromThoseWeights(string fileName)
    {
        // Arrange: weights from another seed than the run's own initialisation.
        using var run = new TinyTrainingRun(cases: 4);
        var start = Path.Combine(Path.GetDirectoryName(run.DataDir)!, fileName);
        var channels = CaseFile.ReadMetadataOnly(DatasetCatalog.ListCaseFiles(run.DataDir)[0]).ChannelCount;
        manual_seed(99);
        using var source = new BaselineUNet3D(1 + channels, baseChannels: 8, SiteCatalog.Default.Constraints.Count);
        if (fileName.EndsWith(".ckpt", StringComparison.Ordinal))
        {
            LightningCheckpointFile.Write(source, start, withHyperParameters: true);
        }
        else
        {
            source.save(start);
        }

        var observer = new RecordingObserver();

        // Act
        var result = Trainer.Run(run.Options with { Epochs = 1, LearningRate = 1e-12, CheckpointPath = start, EvaluateTestSet = false },
            observer, CancellationToken.None);

        // Assert
        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Contains(observer.Messages, m => m.Contains($"starting from the weights of {start}", StringComparison.Ordinal));
        using var trained = new BaselineUNet3D(1 + channels, baseChannels: 8, SiteCatalog.Default.Constraints.Count);
        trained.load(Path.Combine(run.RunFolder, "checkpoints", "last.dat"));
        var expected = source.state_dict();
        var largest = trained.state_dict().Max(p => (p.Value - expected[p.Key]).abs().max().ToDouble());
        Assert.True(largest < 1e-6, $"a weight moved by {largest} from the starting checkpoint");
        manual_seed(1);
        using var fresh = new BaselineUNet3D(1 + channels, baseChannels: 8, SiteCatalog.Default.Constraints.Count);
        Assert.True(fresh.state_dict().Where(p => p.Key.EndsWith("weight", StringComparison.Ordinal)).Max(p => (p.Value - expected[p.Key]).abs().max().ToDouble()) > 1e-3);
    }

    [Fact]
    public void Run_CheckpointPathMissing_SetupErrorNamesTheFlagAndPath()
    {
        // Arrange
        using var run = new TinyTrainingRun(cases: 4);
        var missing = Path.Combine(run.DataDir, "nope.ckpt");

        // Act
        var error = Assert.Throws<TrainingSetupException>(() =>
            Trainer.Run(run.Options with { Epochs = 1, CheckpointPath = missing }, new RecordingObserver(), CancellationToken.None));

        // Assert
        Assert.Equal($"--ckpt_path: '{missing}' does not exist", error.Message);
    }
}
