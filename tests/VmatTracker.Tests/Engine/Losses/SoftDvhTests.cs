using VmatTracker.Engine.Losses;
using static TorchSharp.torch;

namespace VmatTracker.Tests.Engine.Losses;

/// <summary>The reference's soft-DVH known answers (reference-spec 3.4 and 8).</summary>
[Collection(TorchCollection.Name)]
public sealed class SoftDvhTests
{
    [Theory]
    [InlineData("constant", 0.1, 0.5035)]
    [InlineData("linspace", 0.1, 0.3031)]
    [InlineData("constant", 0.01, 0.9974)]
    [InlineData("linspace", 0.01, 0.5324)]
    [InlineData("linspace-0.2", 0.1, 0.1832)]
    public void SoftD95_ReferenceVectors_MatchKnownAnswers(string input, double temperature, double expected)
    {
        // Arrange: 1000 voxels of one sample
        using var values = input switch
        {
            "constant" => ones(1000, dtype: ScalarType.Float64),
            "linspace" => linspace(0.5, 1.0, 1000, dtype: ScalarType.Float64),
            _ => linspace(0.2, 1.0, 1000, dtype: ScalarType.Float64),
        };
        using var sample = zeros(1000, dtype: ScalarType.Int64);
        using var counts = tensor(new long[] { 1000 });

        // Act
        using var d95 = SoftDvh.SoftD95(values, sample, counts, temperature);

        // Assert
        Assert.Equal(expected, d95[0].item<double>(), 4);
    }

    [Fact]
    public void SoftD95_TwoSamplesAtOnce_EachAsIfAlone()
    {
        // Arrange: sample 0 constant 1.0, sample 1 linspace, interleaved in one flat tensor
        using var values = cat([ones(1000, dtype: ScalarType.Float64), linspace(0.5, 1.0, 1000, dtype: ScalarType.Float64)]);
        using var sample = cat([zeros(1000, dtype: ScalarType.Int64), ones(1000, dtype: ScalarType.Int64)]);
        using var counts = tensor(new long[] { 1000, 1000 });

        // Act
        using var d95 = SoftDvh.SoftD95(values, sample, counts, 0.1);

        // Assert
        Assert.Equal(0.5035, d95[0].item<double>(), 4);
        Assert.Equal(0.3031, d95[1].item<double>(), 4);
    }

    [Fact]
    public void SoftVolumeAbove_ConstantHalfAtTemperatureOne_Is03775()
    {
        // Arrange
        using var values = full(500, 0.5, dtype: ScalarType.Float64);
        using var sample = zeros(500, dtype: ScalarType.Int64);
        using var counts = tensor(new long[] { 500 });

        // Act
        using var v70 = SoftDvh.SoftVolumeAbove(values, sample, counts, threshold: 1.0, temperature: 1.0);

        // Assert: sigmoid(-0.5)
        Assert.Equal(0.3775, v70[0].item<double>(), 4);
    }
}
