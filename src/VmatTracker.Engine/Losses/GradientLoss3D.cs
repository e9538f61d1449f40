using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// The 3D Sobel gradient loss (reference-spec 3.2): three 3×3×3 kernels, each a [−1, 0, 1] derivative along one axis
/// times [1, 2, 1] smoothing along the other two, divided by 32 (their absolute sum); zero-padded cross-correlation;
/// L = mean |G(p) − G(t)| over (B, 3, Y, X, Z). Voxel anisotropy is ignored, as in the reference.
/// </summary>
public sealed class GradientLoss3D : IDisposable
{
    private readonly Tensor _kernels;

    /// <summary>Builds the kernels on <paramref name="device"/>.</summary>
    public GradientLoss3D(Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        _kernels = SobelKernels(dtype).to(device ?? CPU);
    }

    /// <summary>The kernels, (3, 1, 3, 3, 3): derivative along axis 0 (Y), 1 (X) and 2 (Z).</summary>
    public static Tensor SobelKernels(ScalarType dtype = ScalarType.Float32)
    {
        double[] derivative = [-1, 0, 1];
        double[] smoothing = [1, 2, 1];
        var values = new float[3 * 27];
        for (var axis = 0; axis < 3; axis++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    for (var k = 0; k < 3; k++)
                    {
                        int[] index = [i, j, k];
                        var value = 1.0;
                        for (var a = 0; a < 3; a++)
                        {
                            value *= a == axis ? derivative[index[a]] : smoothing[index[a]];
                        }

                        values[(axis * 27) + (i * 9) + (j * 3) + k] = (float)(value / 32.0);
                    }
                }
            }
        }

        return tensor(values, [3L, 1, 3, 3, 3]).to(dtype);
    }

    /// <summary>The Sobel responses of <paramref name="volume"/> (B, 1, Y, X, Z) → (B, 3, Y, X, Z).</summary>
    public Tensor Responses(Tensor volume) =>
        nn.functional.conv3d(volume, _kernels.to(volume.dtype), padding: [1L, 1, 1]);

    /// <summary>L1 between the Sobel responses of prediction and target.</summary>
    public Tensor Compute(Tensor prediction, Tensor target)
    {
        using var scope = NewDisposeScope();
        return (Responses(prediction) - Responses(target)).abs().mean().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _kernels.Dispose();
}
