using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Inference;

namespace VmatTracker.Tests.Engine.Inference;

public sealed class SlidingWindowInferenceTests
{
    [Fact]
    public void GaussianWeights_Patch128_HasTheReferenceEdgeValues()
    {
        // Arrange / Act
        var w = SlidingWindowInference.GaussianWeights(128);

        // Assert: sigma 32, centred on index 64, so the window is one voxel asymmetric.
        Assert.Equal(1.0f, w[64]);
        Assert.Equal(0.1353, w[0], 4);
        Assert.Equal(0.1440, w[127], 4);
    }

    [Theory]
    [InlineData(300, new[] { 0, 64, 128, 172 })]
    [InlineData(128, new[] { 0 })]
    [InlineData(192, new[] { 0, 64 })]
    [InlineData(200, new[] { 0, 64, 72 })]
    public void Starts_Patch128Stride64_AppendsTheLastPosition(int length, int[] expected)
    {
        // Arrange / Act
        var starts = SlidingWindowInference.Starts(length, 128, 64);

        // Assert
        Assert.Equal(expected, starts);
    }

    [Theory]
    [InlineData(37, 50, 23, 16, null)]
    [InlineData(41, 17, 33, 16, 3)]
    [InlineData(10, 12, 9, 16, null)]
    [InlineData(16, 31, 5, 8, 7)]
    public void Predict_OddShapes_CoversEveryVoxel(int ny, int nx, int nz, int patch, int? overlap)
    {
        // Arrange: a predictor that returns its CT channel reproduces the CT wherever some patch covered the voxel;
        // an uncovered voxel would come out as 0.
        var shape = new VolumeShape(ny, nx, nz);
        const int Channels = 2;
        var input = new float[Channels * shape.VoxelCount];
        for (var i = 0; i < shape.VoxelCount; i++)
        {
            input[i] = 0.2f + ((i % 97) / 100f);
            input[shape.VoxelCount + i] = -5f;
        }

        var options = new SlidingWindowOptions { PatchSize = patch, Overlap = overlap, BatchSize = 3 };

        // Act
        var output = SlidingWindowInference.Predict(input, Channels, shape, CopyCt(patch, Channels), options,
            TestContext.Current.CancellationToken);

        // Assert
        for (var i = 0; i < shape.VoxelCount; i++)
        {
            Assert.Equal(input[i], output[i], 1e-4f);
        }
    }

    [Theory]
    [InlineData(2.0f, 1.5f)]
    [InlineData(-1.0f, 0.0f)]
    [InlineData(0.7f, 0.7f)]
    public void Predict_ConstantPredictor_IsClampedToZeroAndOnePointFive(float value, float expected)
    {
        // Arrange
        var shape = new VolumeShape(20, 18, 12);
        var options = new SlidingWindowOptions { PatchSize = 8 };

        // Act
        var output = SlidingWindowInference.Predict(new float[shape.VoxelCount], 1, shape,
            (_, batch) => Enumerable.Repeat(value, batch * 512).ToArray(), options, TestContext.Current.CancellationToken);

        // Assert
        Assert.All(output, v => Assert.Equal(expected, v, 1e-5f));
    }

    [Fact]
    public void Predict_PredictorReturnsWrongLength_ThrowsWithExplanation()
    {
        // Arrange
        var shape = new VolumeShape(8, 8, 8);

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => SlidingWindowInference.Predict(new float[shape.VoxelCount], 1,
            shape, (_, _) => new float[3], new SlidingWindowOptions { PatchSize = 8 }, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("returned 3 values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_OverlappingPatchesWithDifferentValues_BlendsWithGaussianWeights()
    {
        // Arrange: patch 8, stride 4 over an axis of 12: positions 0 and 4 along Y only; the first patch predicts 0,
        // the second 1, so voxel y = 5 gets w2(1) / (w1(5) + w2(1)) with w(i) = exp(-(i - 4)² / 8).
        var shape = new VolumeShape(12, 8, 8);
        var call = 0;
        PatchPredictor predictor = (_, batch) => Enumerable.Repeat(call++ == 0 ? 0f : 1f, batch * 512).ToArray();

        // Act
        var output = SlidingWindowInference.Predict(new float[shape.VoxelCount], 1, shape, predictor,
            new SlidingWindowOptions { PatchSize = 8 }, TestContext.Current.CancellationToken);

        // Assert
        var w1 = Math.Exp(-1 / 8.0);
        var w2 = Math.Exp(-9 / 8.0);
        Assert.Equal(w2 / (w1 + w2), output[shape.IndexOf(5, 3, 3)], 1e-5);
        Assert.Equal(0f, output[shape.IndexOf(2, 3, 3)]);
        Assert.Equal(1f, output[shape.IndexOf(9, 3, 3)], 1e-6f);
    }

    private static PatchPredictor CopyCt(int patch, int channels) => (patches, batch) =>
    {
        var voxels = patch * patch * patch;
        var result = new float[batch * voxels];
        for (var b = 0; b < batch; b++)
        {
            Array.Copy(patches, b * channels * voxels, result, b * voxels, voxels);
        }

        return result;
    };
}
