using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.Sites;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Models;
using VmatTracker.Tests.Engine.Training;

namespace VmatTracker.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class PredictLightningTests
{
    [Fact]
    public void Predict_ReferenceLightningCheckpoint_PredictsAsTheSameWeightsInOurFormat()
    {
        // Arrange: one model saved twice, as our .dat and as a Lightning .ckpt written by PyTorch (patch 32 in its hparams)
        using var run = new TinyTrainingRun(cases: 3);
        var parent = Path.GetDirectoryName(run.DataDir)!;
        var summary = CaseFile.ReadMetadataOnly(DatasetCatalog.ListCaseFiles(run.DataDir)[0]);
        TorchSharp.torch.manual_seed(5);
        using (var model = new BaselineUNet3D(1 + summary.ChannelCount, baseChannels: 8, SiteCatalog.Default.Constraints.Count))
        {
            model.save(Path.Combine(parent, "weights.dat"));
            LightningCheckpointFile.Write(model, Path.Combine(parent, "last.ckpt"), withHyperParameters: true);
        }

        // Act: the .ckpt needs no width or patch flags; the .dat outside a run folder does
        var fromDat = CliRunner.Run("predict", "--checkpoint", Path.Combine(parent, "weights.dat"), "--base-channels", "8", "--patch-size", "32",
            "--data_dir", run.DataDir, "--out", Path.Combine(parent, "from-dat"), "--cases", "test");
        var fromCkpt = CliRunner.Run("predict", "--checkpoint", Path.Combine(parent, "last.ckpt"),
            "--data_dir", run.DataDir, "--out", Path.Combine(parent, "from-ckpt"), "--cases", "test");

        // Assert
        Assert.True(fromDat.ExitCode == 0, fromDat.Error);
        Assert.True(fromCkpt.ExitCode == 0, fromCkpt.Error);
        Assert.Contains("ignoring 4 state_dict entries that are not the model's: ", fromCkpt.Error, StringComparison.Ordinal);
        Assert.Contains("(from hyper_parameters)", fromCkpt.Error, StringComparison.Ordinal);
        var file = Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(parent, "from-dat"), "*_pred.npz")));
        using var expected = NpzReader.Open(Path.Combine(parent, "from-dat", file));
        using var actual = NpzReader.Open(Path.Combine(parent, "from-ckpt", file));
        var floats = expected.Names.Where(n => expected.ReadHeader(n).Dtype.Kind == NpyKind.Float32).ToList();
        Assert.NotEmpty(floats);
        foreach (var name in floats)
        {
            Assert.Equal(expected.ReadSingles(name, out _), actual.ReadSingles(name, out _));
        }
    }

    [Fact]
    public void Predict_LightningCheckpointForOtherChannels_IsRefusedNamingBothCounts()
    {
        // Arrange: a checkpoint for 3 input channels against 9-channel phantoms
        using var run = new TinyTrainingRun(cases: 3);
        var parent = Path.GetDirectoryName(run.DataDir)!;
        using (var model = new BaselineUNet3D(3, baseChannels: 4))
        {
            LightningCheckpointFile.Write(model, Path.Combine(parent, "other.ckpt"), withHyperParameters: false);
        }

        // Act
        var result = CliRunner.Run("predict", "--checkpoint", Path.Combine(parent, "other.ckpt"), "--data_dir", run.DataDir,
            "--out", Path.Combine(parent, "out"), "--patch-size", "32");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("takes 3 input channels, but the cases have", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(parent, "out")));
    }
}
