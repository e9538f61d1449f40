using System.Collections;
using System.IO.Compression;
using TorchSharp;
using TorchSharp.PyBridge;
using VmatTracker.Engine.Models;
using VmatTracker.Tests.Infrastructure;
using static TorchSharp.torch;

namespace VmatTracker.Tests.Engine.Models;

/// <summary>Reading the reference's PyTorch Lightning checkpoints (and bare torch.save state dicts) into our U-Net.</summary>
[Collection(TorchCollection.Name)]
public sealed class PyTorchCheckpointTests
{
    [Theory]
    [InlineData(true, "hyper_parameters")]
    [InlineData(false, "tensor shapes")]
    public void Read_LightningCheckpointFromPyTorch_KeepsModelTensorsAndPredictsAlike(bool withHyperParameters, string shapeSource)
    {
        // Arrange: a seeded base-8 model written by real PyTorch in Lightning's layout
        torch.set_num_threads(1);
        using var temp = new TempFolder("lightning");
        var path = temp.File("last.ckpt");
        torch.manual_seed(11);
        using var original = new BaselineUNet3D(9, baseChannels: 8);
        LightningCheckpointFile.Write(original, path, withHyperParameters);
        torch.manual_seed(12);
        using var loaded = new BaselineUNet3D(9, baseChannels: 8);

        // Act
        using var checkpoint = PyTorchCheckpoint.Read(path);
        checkpoint.CopyInto(loaded);

        // Assert: widths, bookkeeping, every tensor bit-equal, the loss buffers left out
        Assert.Equal((8, 9, 13, shapeSource), (checkpoint.BaseChannels, checkpoint.InChannels, checkpoint.ConstraintDim, checkpoint.ShapeSource));
        Assert.Equal(withHyperParameters ? 32 : null, checkpoint.PatchSize);
        Assert.Equal((31L, 2496L), (checkpoint.Epoch, checkpoint.GlobalStep));
        Assert.Equal(LightningCheckpointFile.LossKeys.Order(StringComparer.Ordinal), checkpoint.IgnoredKeys.Order(StringComparer.Ordinal));
        var expected = original.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), checkpoint.ModelState.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in loaded.state_dict())
        {
            Assert.True(tensor.eq(expected[key]).all().item<bool>(), $"{key} differs after loading");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        original.eval();
        loaded.eval();
        var input = rand([1L, 9, 16, 16, 16]);
        var constraints = rand(1, 13);
        var want = original.call(input, constraints);
        var got = loaded.call(input, constraints);
        Assert.True(got.allclose(want, rtol: 0, atol: 1e-6), $"max difference {(got - want).abs().max().item<float>()}");
        Assert.True(want.std().item<float>() > 0, "the reference prediction is constant; the comparison would prove nothing");
    }

    [Fact]
    public void LoadInto_LightningCheckpoint_LogsTheIgnoredLossBuffers()
    {
        // Arrange
        torch.set_num_threads(1);
        using var temp = new TempFolder("lightning");
        var path = temp.File("best.ckpt");
        using var original = new BaselineUNet3D(9, baseChannels: 4);
        LightningCheckpointFile.Write(original, path, withHyperParameters: true);
        using var loaded = new BaselineUNet3D(9, baseChannels: 4);
        var log = new List<string>();

        // Act
        ModelWeights.LoadInto(loaded, path, log.Add);

        // Assert
        var line = Assert.Single(log);
        Assert.Contains("ignoring 4 state_dict entries that are not the model's", line, StringComparison.Ordinal);
        Assert.Contains("gradient_loss.sobel_x", line, StringComparison.Ordinal);
        Assert.Contains("epoch 31", line, StringComparison.Ordinal);
        Assert.True(loaded.state_dict()["out_conv.weight"].eq(original.state_dict()["out_conv.weight"]).all().item<bool>());
    }

    [Fact]
    public void CopyInto_MissingTensor_NamesFileAndKey()
    {
        // Arrange: a bare state dict (PyBridge's writer) without one of the network's tensors
        using var temp = new TempFolder("lightning");
        var path = temp.File("partial.pt");
        using var model = new BaselineUNet3D(9, baseChannels: 4);
        var state = new Hashtable();
        foreach (var (key, tensor) in model.state_dict().Where(e => e.Key != "dec1.conv2.weight"))
        {
            state["model." + key] = tensor;
        }

        PyTorchPickler.PickleStateDict(path, state);
        using var checkpoint = PyTorchCheckpoint.Read(path);

        // Act
        var error = Assert.Throws<CheckpointFormatException>(() => checkpoint.CopyInto(model));

        // Assert
        Assert.Equal(("model.dec1.conv2.weight", path), (error.Key, error.File));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyInto_OtherWidth_NamesTheMismatchedKeyAndBothShapes()
    {
        // Arrange: a base-8 network's unprefixed state dict offered to a base-4 model
        using var temp = new TempFolder("lightning");
        var path = temp.File("wide.pt");
        using (var wide = new BaselineUNet3D(9, baseChannels: 8))
        {
            wide.save_py(path);
        }

        using var narrow = new BaselineUNet3D(9, baseChannels: 4);
        using var checkpoint = PyTorchCheckpoint.Read(path);

        // Act
        var error = Assert.Throws<CheckpointFormatException>(() => checkpoint.CopyInto(narrow));

        // Assert
        Assert.Equal(8, checkpoint.BaseChannels);
        Assert.Equal("tensor shapes", checkpoint.ShapeSource);
        Assert.NotNull(error.Key);
        Assert.Contains("has shape [8, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs [4, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipWithoutPickle_IsAClearErrorNamingTheFile()
    {
        // Arrange: a zip archive (so it looks like torch.save) that holds no data.pkl
        using var temp = new TempFolder("lightning");
        var path = temp.File("notes.ckpt");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("not a checkpoint");
        }

        // Act
        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(path));

        // Assert
        Assert.True(PyTorchCheckpoint.IsTorchSaveFile(path));
        Assert.StartsWith($"{path}: not a readable torch.save checkpoint", error.Message, StringComparison.Ordinal);
    }
}
