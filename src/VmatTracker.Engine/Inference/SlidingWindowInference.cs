using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Inference;

/// <summary>
/// Whole-volume prediction from a patch predictor (reference-spec 2.4, the later rules): patches on a regular grid
/// with the last position appended so every voxel is covered, Gaussian blending (sigma = patch/4, centred on index
/// patch/2, hence one voxel off-centre as in the reference), output = Σ(pred·w)/(Σw + 1e-8) clamped to [0, 1.5].
/// Axes shorter than a patch are padded by repeating the edge voxel, and the padding is cropped from the result.
/// </summary>
public static class SlidingWindowInference
{
    private const float Epsilon = 1e-8f;

    /// <summary>
    /// Predicts a whole volume. <paramref name="input"/> holds C·Y·X·Z values (C order); the result Y·X·Z values.
    /// </summary>
    public static float[] Predict(float[] input, int channels, VolumeShape shape, PatchPredictor predictor,
        SlidingWindowOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (input.Length != (long)channels * shape.VoxelCount)
        {
            throw new ArgumentException($"input has {input.Length} values; {channels} channels of {shape} need {(long)channels * shape.VoxelCount}", nameof(input));
        }

        var p = options.PatchSize;
        var padded = new VolumeShape(Math.Max(shape.Y, p), Math.Max(shape.X, p), Math.Max(shape.Z, p));
        var source = padded == shape ? input : PadEdges(input, channels, shape, padded);
        var stride = p - options.EffectiveOverlap;
        var starts = (Starts(padded.Y, p, stride), Starts(padded.X, p, stride), Starts(padded.Z, p, stride));
        var positions = (from y in starts.Item1 from x in starts.Item2 from z in starts.Item3 select (y, x, z)).ToArray();

        var w = GaussianWeights(p);
        var sum = new float[padded.VoxelCount];
        var weight = new float[padded.VoxelCount];
        var patchVoxels = p * p * p;
        for (var first = 0; first < positions.Length; first += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Math.Min(options.BatchSize, positions.Length - first);
            var patches = new float[batch * channels * patchVoxels];
            for (var b = 0; b < batch; b++)
            {
                for (var c = 0; c < channels; c++)
                {
                    CopyPatch(source, c * padded.VoxelCount, padded, positions[first + b], p,
                        patches.AsSpan(((b * channels) + c) * patchVoxels, patchVoxels));
                }
            }

            var predictions = predictor(patches, batch);
            if (predictions is null || predictions.Length != batch * patchVoxels)
            {
                throw new InvalidOperationException(
                    $"the patch predictor returned {predictions?.Length ?? 0} values for {batch} patches of {p}³; expected {batch * patchVoxels}");
            }

            for (var b = 0; b < batch; b++)
            {
                Accumulate(predictions.AsSpan(b * patchVoxels, patchVoxels), positions[first + b], p, padded, w, sum, weight);
            }
        }

        var result = new float[shape.VoxelCount];
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var i = padded.IndexOf(y, x, z);
                    result[shape.IndexOf(y, x, z)] = Math.Clamp(sum[i] / (weight[i] + Epsilon), 0f, options.MaxOutput);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Builds the model input of a case: channel 0 the normalised CT, then the signed distance fields (C+1 channels).
    /// </summary>
    public static float[] BuildInput(CaseVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var input = new float[volume.Ct.Length + volume.Sdf.Length];
        volume.Ct.CopyTo(input, 0);
        volume.Sdf.CopyTo(input, volume.Ct.Length);
        return input;
    }

    /// <summary>
    /// Patch start positions along an axis of <paramref name="length"/> (at least one patch long): 0, stride, ...
    /// while a patch fits, then length - patch appended if the last patch stops short of the end.
    /// </summary>
    public static int[] Starts(int length, int patch, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (length <= patch)
        {
            return [0];
        }

        var starts = new List<int>();
        for (var s = 0; s <= length - patch; s += stride)
        {
            starts.Add(s);
        }

        if (starts[^1] + patch < length)
        {
            starts.Add(length - patch);
        }

        return [.. starts];
    }

    /// <summary>The 1D blending weights: exp(-(i - patch/2)² / (2 (patch/4)²)) for i in [0, patch).</summary>
    public static float[] GaussianWeights(int patch)
    {
        var sigma = patch / 4.0;
        var centre = patch / 2;
        var weights = new float[patch];
        for (var i = 0; i < patch; i++)
        {
            var d = i - centre;
            weights[i] = (float)Math.Exp(-(d * d) / (2 * sigma * sigma));
        }

        return weights;
    }

    private static void CopyPatch(float[] source, int offset, VolumeShape shape, (int Y, int X, int Z) at, int p, Span<float> target)
    {
        var n = 0;
        for (var y = 0; y < p; y++)
        {
            for (var x = 0; x < p; x++)
            {
                source.AsSpan(offset + shape.IndexOf(at.Y + y, at.X + x, at.Z), p).CopyTo(target.Slice(n, p));
                n += p;
            }
        }
    }

    private static void Accumulate(ReadOnlySpan<float> prediction, (int Y, int X, int Z) at, int p, VolumeShape shape,
        float[] w, float[] sum, float[] weight)
    {
        var n = 0;
        for (var y = 0; y < p; y++)
        {
            for (var x = 0; x < p; x++)
            {
                var wyx = w[y] * w[x];
                var row = shape.IndexOf(at.Y + y, at.X + x, at.Z);
                for (var z = 0; z < p; z++)
                {
                    var wz = wyx * w[z];
                    sum[row + z] += prediction[n++] * wz;
                    weight[row + z] += wz;
                }
            }
        }
    }

    private static float[] PadEdges(float[] input, int channels, VolumeShape shape, VolumeShape padded)
    {
        // Repeating the edge voxel keeps CT and distance fields plausible in the padding; it is cropped afterwards.
        var result = new float[channels * padded.VoxelCount];
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < padded.Y; y++)
            {
                for (var x = 0; x < padded.X; x++)
                {
                    for (var z = 0; z < padded.Z; z++)
                    {
                        var from = shape.IndexOf(Math.Min(y, shape.Y - 1), Math.Min(x, shape.X - 1), Math.Min(z, shape.Z - 1));
                        result[(c * padded.VoxelCount) + padded.IndexOf(y, x, z)] = input[(c * shape.VoxelCount) + from];
                    }
                }
            }
        }

        return result;
    }
}
