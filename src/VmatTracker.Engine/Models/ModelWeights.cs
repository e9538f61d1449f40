namespace VmatTracker.Engine.Models;

/// <summary>Loads weights into a <see cref="BaselineUNet3D"/> from either checkpoint format: this trainer's TorchSharp
/// <c>.dat</c>, or a PyTorch <c>torch.save</c> file such as the reference's Lightning <c>.ckpt</c>.</summary>
public static class ModelWeights
{
    /// <summary>Loads <paramref name="path"/> into <paramref name="model"/>; <paramref name="log"/> hears what a
    /// PyTorch checkpoint held besides the network.</summary>
    /// <exception cref="CheckpointFormatException">The file does not fit the model; the message names the file and key.</exception>
    public static void LoadInto(BaselineUNet3D model, string path, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        if (PyTorchCheckpoint.IsTorchSaveFile(path))
        {
            using var checkpoint = PyTorchCheckpoint.Read(path);
            log?.Invoke(Describe(checkpoint));
            checkpoint.CopyInto(model);
            return;
        }

        try
        {
            model.load(path);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or EndOfStreamException)
        {
            throw new CheckpointFormatException(path, null,
                $"does not fit a base-{model.BaseChannels} model with {model.InChannels} input channels: {ex.Message}", ex);
        }
    }

    /// <summary>One line on what a PyTorch checkpoint held: where the widths came from, the epoch, and the
    /// state-dict keys left out because they are not the network's.</summary>
    public static string Describe(PyTorchCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var epoch = checkpoint.Epoch is { } e ? $", epoch {e}, global step {checkpoint.GlobalStep?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}" : "";
        var ignored = checkpoint.IgnoredKeys.Count == 0
            ? "no other state_dict entries"
            : $"ignoring {checkpoint.IgnoredKeys.Count} state_dict entries that are not the model's: {string.Join(", ", checkpoint.IgnoredKeys)}";
        return $"{checkpoint.File}: PyTorch checkpoint, {checkpoint.ModelState.Count} model tensors, base {checkpoint.BaseChannels}, " +
            $"{checkpoint.InChannels} input channels (from {checkpoint.ShapeSource}){epoch}; {ignored}";
    }
}
