using TorchSharp.Modules;
using TorchSharp.Utils;
using VmatTracker.Engine.Torch;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace VmatTracker.Engine.Models;

/// <summary>
/// The reference's conditioned residual block (reference-spec 2.1): conv → GroupNorm → SiLU → FiLM from the
/// constraint embedding (h·(1+γ) + β) → conv → GroupNorm → SiLU, plus the input through a 1×1×1 convolution when the
/// channel count changes. Field names are the checkpoint keys: conv1, norm1, conv2, norm2, cond_mlp, residual.
/// </summary>
public sealed class ConvBlock3D : Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv3d _conv1;

    [ComponentName(Name = "norm1")]
    private readonly GroupNorm _norm1;

    [ComponentName(Name = "conv2")]
    private readonly Conv3d _conv2;

    [ComponentName(Name = "norm2")]
    private readonly GroupNorm _norm2;

    [ComponentName(Name = "cond_mlp")]
    private readonly Sequential _condMlp;

    [ComponentName(Name = "residual")]
    private readonly Module<Tensor, Tensor>? _residual;

    private readonly long _outChannels;

    /// <summary>Creates a block from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public ConvBlock3D(string name, long inChannels, long outChannels, long conditionDim) : base(name)
    {
        _outChannels = outChannels;
        _conv1 = Conv3d(inChannels, outChannels, 3, padding: 1);
        _norm1 = GroupNorm(GroupCount(outChannels), outChannels, eps: 1e-5);
        _conv2 = Conv3d(outChannels, outChannels, 3, padding: 1);
        _norm2 = GroupNorm(GroupCount(outChannels), outChannels, eps: 1e-5);
        _condMlp = Sequential(SiLU(), Linear(conditionDim, 2 * outChannels));
        _residual = inChannels == outChannels ? null : Conv3d(inChannels, outChannels, 1);

        // TorchSharp 0.107 leaves GroupNorm's affine parameters uninitialised (NaN or garbage); PyTorch starts them at
        // weight 1, bias 0, and so must we.
        using (no_grad())
        {
            foreach (var norm in new[] { _norm1, _norm2 })
            {
                init.ones_(norm.weight!);
                init.zeros_(norm.bias!);
            }
        }

        RegisterComponents();
    }

    /// <summary>The largest group count ≤ 8 that divides <paramref name="channels"/> (8 at base 48; 5 at base 50).</summary>
    public static long GroupCount(long channels)
    {
        for (var groups = Math.Min(8, channels); groups > 1; groups--)
        {
            if (channels % groups == 0)
            {
                return groups;
            }
        }

        return 1;
    }

    /// <summary>Applies the block to <paramref name="input"/> (B, C, Y, X, Z) with embedding <paramref name="condition"/> (B, D).</summary>
    public override Tensor forward(Tensor input, Tensor condition)
    {
        using var scope = NewDisposeScope();
        var hidden = functional.silu(_norm1.call(_conv1.call(input)));
        var film = _condMlp.call(condition);
        var scale = film[.., ..(int)_outChannels].view(-1, _outChannels, 1, 1, 1);
        var shift = film[.., (int)_outChannels..].view(-1, _outChannels, 1, 1, 1);
        hidden = (hidden * scale.Plus(1.0)).Plus(shift);
        hidden = functional.silu(_norm2.call(_conv2.call(hidden)));
        var skip = _residual is null ? input : _residual.call(input);
        return hidden.Plus(skip).MoveToOuterDisposeScope();
    }
}
