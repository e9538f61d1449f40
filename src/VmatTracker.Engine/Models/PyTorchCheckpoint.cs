using System.Collections;
using System.Globalization;
using Razorvine.Pickle;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Models;

/// <summary>
/// The U-Net weights inside a file written by PyTorch's <c>torch.save</c> (the zip format of PyTorch 1.6 and later):
/// the reference's PyTorch Lightning checkpoints (a dict whose <c>state_dict</c> holds <c>model.&lt;our key names&gt;</c>
/// next to loss buffers such as <c>gradient_loss.sobel_*</c>, with <c>epoch</c>, <c>global_step</c>,
/// <c>optimizer_states</c> and <c>hyper_parameters</c>; reference-spec 2.2), or a bare state dict of the network.
/// TorchSharp.PyBridge's unpickler reads the whole nested dict; only the network's tensors are kept.
/// </summary>
public sealed class PyTorchCheckpoint : IDisposable
{
    /// <summary>The prefix the reference's LightningModule gives its network (<c>self.model</c>).</summary>
    public const string ModelPrefix = "model.";

    private const string FirstConv = "enc1.conv1.weight";
    private const string FirstLinear = "constraint_mlp.0.weight";

    private readonly Dictionary<string, Tensor> _modelState;
    private readonly string _prefix;

    // Lightning pickles hyper_parameters as its AttributeDict, a dict subclass; Razorvine would make an unknown class a
    // ClassDict, into which the pickle's dict items cannot be set, so the whole file would fail to load.
    static PyTorchCheckpoint()
    {
        foreach (var module in new[] { "lightning_fabric.utilities.data", "lightning.fabric.utilities.data", "pytorch_lightning.utilities.parsing" })
        {
            Unpickler.registerConstructor(module, "AttributeDict", new AttributeDictConstructor());
        }
    }

    private PyTorchCheckpoint(string file, string prefix, Dictionary<string, Tensor> modelState, List<string> ignoredKeys,
        Dictionary<string, long> hyperParameters, long? epoch, long? globalStep)
    {
        File = file;
        _prefix = prefix;
        _modelState = modelState;
        IgnoredKeys = ignoredKeys;
        Epoch = epoch;
        GlobalStep = globalStep;
        var conv = Require(FirstConv).shape;
        var linear = Require(FirstLinear).shape;
        if (conv.Length != 5 || linear.Length != 2)
        {
            throw new CheckpointFormatException(file, conv.Length != 5 ? FirstConv : FirstLinear,
                $"has shape [{string.Join(", ", conv.Length != 5 ? conv : linear)}], which is not the reference U-Net's");
        }

        BaseChannels = FromHyperParameters(hyperParameters, "base_channels") ?? (int)conv[0];
        InChannels = FromHyperParameters(hyperParameters, "in_channels") ?? (int)conv[1];
        ConstraintDim = FromHyperParameters(hyperParameters, "constraint_dim") ?? (int)linear[1];
        PatchSize = FromHyperParameters(hyperParameters, "patch_size");
        ShapeSource = hyperParameters.ContainsKey("base_channels") ? "hyper_parameters" : "tensor shapes";
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>The network's tensors under our key names (the <c>model.</c> prefix removed), as float32 on the CPU.</summary>
    public IReadOnlyDictionary<string, Tensor> ModelState => _modelState;

    /// <summary>State-dict keys that are not the network's (loss buffers, uncertainty weights), ignored.</summary>
    public IReadOnlyList<string> IgnoredKeys { get; }

    /// <summary>Base channels: <c>hyper_parameters.base_channels</c>, else the first convolution's output count.</summary>
    public int BaseChannels { get; }

    /// <summary>Input channels: <c>hyper_parameters.in_channels</c>, else the first convolution's input count.</summary>
    public int InChannels { get; }

    /// <summary>Constraint vector length: <c>hyper_parameters.constraint_dim</c>, else the constraint MLP's input.</summary>
    public int ConstraintDim { get; }

    /// <summary><c>hyper_parameters.patch_size</c> when the checkpoint records it.</summary>
    public int? PatchSize { get; }

    /// <summary>"hyper_parameters" or "tensor shapes": where the model's widths came from.</summary>
    public string ShapeSource { get; }

    /// <summary>The Lightning <c>epoch</c>, when present.</summary>
    public long? Epoch { get; }

    /// <summary>The Lightning <c>global_step</c>, when present.</summary>
    public long? GlobalStep { get; }

    /// <summary>True when <paramref name="path"/> starts like a <c>torch.save</c> zip archive (not a TorchSharp .dat).</summary>
    public static bool IsTorchSaveFile(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        Span<byte> signature = stackalloc byte[4];
        return stream.Read(signature) == 4 && signature[0] == 0x50 && signature[1] == 0x4B && signature[2] == 0x03 && signature[3] == 0x04;
    }

    /// <summary>Reads the network's tensors from <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointFormatException">The file is not a readable torch.save archive or holds no U-Net.</exception>
    public static PyTorchCheckpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        object root;
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new CheckpointFormatException(path, null, $"not a readable torch.save checkpoint ({ex.GetType().Name}: {ex.Message})", ex);
        }

        var keep = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            return FromRoot(path, root, keep);
        }
        finally
        {
            DisposeTensorsExcept(root, keep.Values.ToHashSet(), 0);
        }
    }

    /// <summary>Copies the weights into <paramref name="model"/>, after checking that every key and shape fits it.</summary>
    /// <exception cref="CheckpointFormatException">A tensor is missing, unexpected or of the wrong shape; nothing is copied then.</exception>
    public void CopyInto(BaselineUNet3D model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var target = model.state_dict();
        var describe = $"a base-{model.BaseChannels} model with {model.InChannels} input channels";
        foreach (var (key, tensor) in target)
        {
            if (!_modelState.TryGetValue(key, out var source))
            {
                throw new CheckpointFormatException(File, _prefix + key, $"missing: {describe} needs it");
            }

            if (!source.shape.SequenceEqual(tensor.shape))
            {
                throw new CheckpointFormatException(File, _prefix + key,
                    $"has shape [{string.Join(", ", source.shape)}], but {describe} needs [{string.Join(", ", tensor.shape)}]");
            }
        }

        if (_modelState.Keys.FirstOrDefault(k => !target.ContainsKey(k)) is { } extra)
        {
            throw new CheckpointFormatException(File, _prefix + extra,
                "is not a tensor of the reference BaselineUNet3D (another architecture?)");
        }

        using var noGrad = no_grad();
        foreach (var (key, tensor) in target)
        {
            tensor.copy_(_modelState[key]);
        }
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        foreach (var tensor in _modelState.Values)
        {
            tensor.Dispose();
        }

        _modelState.Clear();
    }

    private static PyTorchCheckpoint FromRoot(string path, object root, Dictionary<string, Tensor> keep)
    {
        if (root is not IDictionary top)
        {
            throw new CheckpointFormatException(path, null, $"holds a {root.GetType().Name}, not a dict");
        }

        // A Lightning checkpoint nests the weights under state_dict; a bare state dict is the dict itself.
        var stateDict = top.Contains("state_dict") ? top["state_dict"] as IDictionary
            ?? throw new CheckpointFormatException(path, "state_dict", "is not a dict of tensors") : top;
        var entries = new List<(string Key, Tensor Tensor)>();
        foreach (DictionaryEntry entry in stateDict)
        {
            if (entry.Key is string key && entry.Value is Tensor tensor)
            {
                entries.Add((key, tensor));
            }
        }

        var prefixed = entries.Any(e => e.Key.StartsWith(ModelPrefix, StringComparison.Ordinal));
        var ignored = new List<string>();
        foreach (var (key, tensor) in entries)
        {
            if (prefixed && !key.StartsWith(ModelPrefix, StringComparison.Ordinal))
            {
                ignored.Add(key);
                continue;
            }

            var name = prefixed ? key[ModelPrefix.Length..] : key;
            keep[name] = tensor;
        }

        if (!keep.ContainsKey(FirstConv))
        {
            throw new CheckpointFormatException(path, (prefixed ? ModelPrefix : "") + FirstConv,
                $"missing: no reference U-Net in the state dict ({entries.Count} tensors, e.g. {string.Join(", ", entries.Take(3).Select(e => e.Key))})");
        }

        var hyperParameters = ReadIntegers(top.Contains("hyper_parameters") ? top["hyper_parameters"] : null);
        var converted = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in keep)
        {
            // Mixed-precision runs keep float32 weights, but a half-precision export must still load.
            converted[name] = tensor.dtype == ScalarType.Float32 ? tensor : tensor.to(ScalarType.Float32);
        }

        foreach (var (name, tensor) in converted)
        {
            keep[name] = tensor;
        }

        return new PyTorchCheckpoint(path, prefixed ? ModelPrefix : "", converted, ignored, hyperParameters, Integer(top, "epoch"), Integer(top, "global_step"));
    }

    private Tensor Require(string key) => _modelState.TryGetValue(key, out var tensor)
        ? tensor
        : throw new CheckpointFormatException(File, _prefix + key, "missing: the reference U-Net has it");

    private int? FromHyperParameters(Dictionary<string, long> hyperParameters, string name)
    {
        if (!hyperParameters.TryGetValue(name, out var value))
        {
            return null;
        }

        return value is >= 1 and <= int.MaxValue
            ? (int)value
            : throw new CheckpointFormatException(File, "hyper_parameters." + name, $"is {value}, not a positive size");
    }

    private static Dictionary<string, long> ReadIntegers(object? dictionary)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (dictionary is IDictionary entries)
        {
            foreach (DictionaryEntry entry in entries)
            {
                if (entry.Key is string key && entry.Value is int or long)
                {
                    values[key] = Convert.ToInt64(entry.Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return values;
    }

    private static long? Integer(IDictionary top, string key) =>
        top.Contains(key) && top[key] is int or long ? Convert.ToInt64(top[key], CultureInfo.InvariantCulture) : null;

    // The optimizer state and callbacks hold tensors too; free them now instead of at finalization.
    private static void DisposeTensorsExcept(object? value, HashSet<Tensor> keep, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (value)
        {
            case Tensor tensor when !keep.Contains(tensor):
                tensor.Dispose();
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    DisposeTensorsExcept(entry.Value, keep, depth + 1);
                }

                break;
            case IEnumerable sequence and not string:
                foreach (var item in sequence)
                {
                    DisposeTensorsExcept(item, keep, depth + 1);
                }

                break;
        }
    }

    private sealed class AttributeDictConstructor : IObjectConstructor
    {
        public object construct(object[] args) => new AttributeDict();
    }

    // Razorvine calls __setstate__ by name when the pickle carries the instance's __dict__.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Python's name, found by reflection")]
    private sealed class AttributeDict : Hashtable
    {
        public void __setstate__(Hashtable state)
        {
            foreach (DictionaryEntry entry in state)
            {
                this[entry.Key] = entry.Value;
            }
        }
    }
}
