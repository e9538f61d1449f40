using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace VmatTracker.Engine.Models;

/// <summary>
/// The reference dose-prediction U-Net (reference-spec 2.2): a constraint MLP (13 → 256 → 256) whose embedding
/// conditions every block by FiLM; encoder base·{1, 2, 4, 8} with max pooling; a bottleneck at base·8 (the reference's
/// unused base·16 entry is left out, as in its code); trilinear upsampling (align_corners false); decoder blocks on
/// [upsampled, skip]; a 1×1×1 output convolution without activation. Every spatial size must be divisible by 16.
/// At base 48 it has 23,732,801 parameters with 9 input channels.
/// </summary>
public sealed class BaselineUNet3D : Module<Tensor, Tensor, Tensor>
{
    /// <summary>The constraint embedding's width.</summary>
    public const int ConditionDim = 256;

    [ComponentName(Name = "constraint_mlp")]
    private readonly Sequential _constraintMlp;

    [ComponentName(Name = "enc1")]
    private readonly ConvBlock3D _enc1;

    [ComponentName(Name = "enc2")]
    private readonly ConvBlock3D _enc2;

    [ComponentName(Name = "enc3")]
    private readonly ConvBlock3D _enc3;

    [ComponentName(Name = "enc4")]
    private readonly ConvBlock3D _enc4;

    [ComponentName(Name = "bottleneck")]
    private readonly ConvBlock3D _bottleneck;

    [ComponentName(Name = "dec4")]
    private readonly ConvBlock3D _dec4;

    [ComponentName(Name = "dec3")]
    private readonly ConvBlock3D _dec3;

    [ComponentName(Name = "dec2")]
    private readonly ConvBlock3D _dec2;

    [ComponentName(Name = "dec1")]
    private readonly ConvBlock3D _dec1;

    [ComponentName(Name = "out_conv")]
    private readonly Conv3d _outConv;

    /// <summary>Creates the network.</summary>
    /// <param name="inChannels">CT plus SDF channels: 9 for 8-structure (v2.3) data, 10 for v2.4.</param>
    /// <param name="baseChannels">Width of the first level: 48 in the reference; 4–8 for tests.</param>
    /// <param name="constraintDim">Length of the constraints vector (13 for prostate).</param>
    public BaselineUNet3D(int inChannels = 9, int baseChannels = 48, int constraintDim = 13) : base(nameof(BaselineUNet3D))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(constraintDim, 1);
        InChannels = inChannels;
        BaseChannels = baseChannels;
        long c1 = baseChannels, c2 = 2L * baseChannels, c3 = 4L * baseChannels, c4 = 8L * baseChannels;

        _constraintMlp = Sequential(Linear(constraintDim, ConditionDim), SiLU(), Linear(ConditionDim, ConditionDim));
        _enc1 = new ConvBlock3D("enc1", inChannels, c1, ConditionDim);
        _enc2 = new ConvBlock3D("enc2", c1, c2, ConditionDim);
        _enc3 = new ConvBlock3D("enc3", c2, c3, ConditionDim);
        _enc4 = new ConvBlock3D("enc4", c3, c4, ConditionDim);
        _bottleneck = new ConvBlock3D("bottleneck", c4, c4, ConditionDim);
        _dec4 = new ConvBlock3D("dec4", c4 + c4, c3, ConditionDim);
        _dec3 = new ConvBlock3D("dec3", c3 + c3, c2, ConditionDim);
        _dec2 = new ConvBlock3D("dec2", c2 + c2, c1, ConditionDim);
        _dec1 = new ConvBlock3D("dec1", c1 + c1, c1, ConditionDim);
        _outConv = Conv3d(c1, 1, 1);
        RegisterComponents();
    }

    /// <summary>Input channels (CT + SDFs).</summary>
    public int InChannels { get; }

    /// <summary>Base channel width.</summary>
    public int BaseChannels { get; }

    /// <summary>Total number of trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Predicts normalised dose (B, 1, Y, X, Z) from <paramref name="input"/> (B, C, Y, X, Z) and
    /// <paramref name="constraints"/> (B, 13).</summary>
    public override Tensor forward(Tensor input, Tensor constraints)
    {
        using var scope = NewDisposeScope();
        var condition = _constraintMlp.call(constraints);
        var e1 = _enc1.call(input, condition);
        var e2 = _enc2.call(Pool(e1), condition);
        var e3 = _enc3.call(Pool(e2), condition);
        var e4 = _enc4.call(Pool(e3), condition);
        var bottom = _bottleneck.call(Pool(e4), condition);
        var d4 = _dec4.call(cat([Up(bottom), e4], 1), condition);
        var d3 = _dec3.call(cat([Up(d4), e3], 1), condition);
        var d2 = _dec2.call(cat([Up(d3), e2], 1), condition);
        var d1 = _dec1.call(cat([Up(d2), e1], 1), condition);
        return _outConv.call(d1).MoveToOuterDisposeScope();
    }

    private static Tensor Pool(Tensor x) => functional.max_pool3d(x, [2L, 2L, 2L]);

    private static Tensor Up(Tensor x) =>
        functional.interpolate(x, scale_factor: [2.0, 2.0, 2.0], mode: InterpolationMode.Trilinear, align_corners: false);
}
