using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.Metrics;

/// <summary>pymedphys' own test set (dose-science 1.3) and the lower-cutoff rule, in 3D.</summary>
public sealed class GammaKnownAnswerTests
{
    private static readonly VolumeShape s_dummyShape = new(10, 12, 14);

    [Fact]
    public void Compute_PymedphysDummySet_GivesTheExpectedGammaPerBlock()
    {
        // Arrange
        var (reference, evaluated) = DummySet();
        var options = new GammaOptions { DosePercent = 3, DistanceMm = 0.3, LowerCutoffPercent = 0, MaxGamma = double.PositiveInfinity };

        // Act
        var result = GammaIndex.Compute(reference, evaluated, s_dummyShape, new VoxelSpacing(0.1, 0.1, 0.1), options,
            TestContext.Current.CancellationToken);

        // Assert: later blocks overwrite earlier ones, as in test_gamma_shell.py.
        var expected = new double[s_dummyShape.VoxelCount];
        Fill(expected, (2, 2, 2), (2, 2, 2), 0.4);
        Fill(expected, (3, 3, 3), (3, 3, 3), 0.7);
        Fill(expected, (4, 4, 4), (4, 4, 4), 1.0);
        Fill(expected, (3, 4, 5), (2, 2, 2), 0.5);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], Math.Round(result.Gamma[i], 1, MidpointRounding.ToEven));
        }

        Assert.Equal(s_dummyShape.VoxelCount, result.EvaluatedPoints);
    }

    [Fact]
    public void Compute_DummySet_StrictAndInclusiveRatesDifferOnlyOnTies()
    {
        // Arrange: the gamma = 1.0 block of the dummy set is a tie, counted by <= 1 and not by < 1.
        var (reference, evaluated) = DummySet();
        var options = new GammaOptions { DosePercent = 3, DistanceMm = 0.3, LowerCutoffPercent = 0, MaxGamma = double.PositiveInfinity };

        // Act
        var result = GammaIndex.Compute(reference, evaluated, s_dummyShape, new VoxelSpacing(0.1, 0.1, 0.1), options,
            TestContext.Current.CancellationToken);

        // Assert
        var ones = result.Gamma.Count(g => g == 1.0);
        Assert.True(ones > 0);
        Assert.Equal(100.0 * result.Gamma.Count(g => g <= 1) / result.EvaluatedPoints, result.PassRate!.Value, 1e-12);
        Assert.Equal(100.0 * result.Gamma.Count(g => g < 1) / result.EvaluatedPoints, result.PassRateStrict!.Value, 1e-12);
        Assert.True(result.PassRate > result.PassRateStrict);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Compute_CriteriaScaledByK_ScalesGammaByOneOverK(double k)
    {
        // Arrange
        var (reference, evaluated) = DummySet();
        var spacing = new VoxelSpacing(0.1, 0.1, 0.1);
        var baseOptions = new GammaOptions { DosePercent = 3, DistanceMm = 0.3, LowerCutoffPercent = 0, MaxGamma = double.PositiveInfinity };
        var scaled = baseOptions with { DosePercent = 3 * k, DistanceMm = 0.3 * k };

        // Act
        var baseline = GammaIndex.Compute(reference, evaluated, s_dummyShape, spacing, baseOptions, TestContext.Current.CancellationToken);
        var result = GammaIndex.Compute(reference, evaluated, s_dummyShape, spacing, scaled, TestContext.Current.CancellationToken);

        // Assert: within 0.1, as pymedphys' test_a_set_of_gamma_scaling.
        for (var i = 0; i < baseline.Gamma.Length; i++)
        {
            Assert.Equal(baseline.Gamma[i] / k, result.Gamma[i], 0.1);
        }
    }

    [Fact]
    public void Compute_LowerCutoff_ExcludesExactlyThePointsBelowIt()
    {
        // Arrange: pymedphys' 1D reference profile laid along axis 2 of a 3D grid, evaluated dose 10 everywhere.
        double[] profile = [0, 1, 1.9, 2, 2.1, 3, 4, 5, 10, 10];
        var shape = new VolumeShape(3, 3, profile.Length);
        var reference = new double[shape.VoxelCount];
        for (var i = 0; i < reference.Length; i++)
        {
            reference[i] = profile[i % profile.Length];
        }

        var evaluated = Enumerable.Repeat(10.0, shape.VoxelCount).ToArray();
        var options = new GammaOptions { LowerCutoffPercent = 20 };

        // Act
        var result = GammaIndex.Compute(reference, evaluated, shape, new VoxelSpacing(1, 1, 1), options,
            TestContext.Current.CancellationToken);

        // Assert: 20 % of max 10 is 2; 1.9 is out, 2 (at the cutoff) is in.
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i] < 2, double.IsNaN(result.Gamma[i]));
        }

        Assert.Equal(9 * 7, result.EvaluatedPoints);
    }

    [Fact]
    public void Compute_IdenticalVolumes_PassEverywhereWithZeroGamma()
    {
        // Arrange
        var shape = new VolumeShape(9, 8, 7);
        var dose = Enumerable.Range(0, shape.VoxelCount).Select(i => 10.0 + (i % 13)).ToArray();

        // Act
        var result = GammaIndex.Compute(dose, dose, shape, new VoxelSpacing(2, 2.5, 3), new GammaOptions(),
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(100.0, result.PassRate);
        Assert.Equal(100.0, result.PassRateStrict);
        Assert.Equal(0.0, result.Max);
        Assert.Equal(shape.VoxelCount, result.EvaluatedPoints);
    }

    [Fact]
    public void Compute_NothingAboveCutoff_ReportsNoRate()
    {
        // Arrange: an all-zero reference has a zero normalisation, so no point can be evaluated meaningfully.
        var shape = new VolumeShape(4, 4, 4);
        var zeros = new double[shape.VoxelCount];

        // Act
        var result = GammaIndex.Compute(zeros, zeros, shape, new VoxelSpacing(1, 1, 1), new GammaOptions(),
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(0, result.EvaluatedPoints);
        Assert.Null(result.PassRate);
        Assert.Null(result.Mean);
    }

    [Fact]
    public void Compute_Subsample2_DecimatesBothVolumesAndDoublesTheSpacing()
    {
        // Arrange
        var shape = new VolumeShape(9, 8, 7);
        var dose = Enumerable.Range(0, shape.VoxelCount).Select(i => 10.0 + (i % 5)).ToArray();

        // Act
        var result = GammaIndex.Compute(dose, dose, shape, new VoxelSpacing(1, 2, 3), new GammaOptions { Subsample = 2 },
            TestContext.Current.CancellationToken);

        // Assert: [::2] keeps 5, 4 and 4 samples.
        Assert.Equal(new VolumeShape(5, 4, 4), result.Shape);
        Assert.Equal(new VoxelSpacing(2, 4, 6), result.Spacing);
        Assert.Equal(80, result.EvaluatedPoints);
    }

    private static (double[] Reference, double[] Evaluated) DummySet()
    {
        // Reference 1.015 in [3:-2, 4:-2, 5:-2], evaluated 1.0 in [2:-2, 2:-2, 2:-2].
        var reference = new double[s_dummyShape.VoxelCount];
        var evaluated = new double[s_dummyShape.VoxelCount];
        Fill(reference, (3, 4, 5), (2, 2, 2), 1.015);
        Fill(evaluated, (2, 2, 2), (2, 2, 2), 1.0);
        return (reference, evaluated);
    }

    private static void Fill(double[] values, (int Y, int X, int Z) start, (int Y, int X, int Z) endMargin, double value)
    {
        for (var y = start.Y; y < s_dummyShape.Y - endMargin.Y; y++)
        {
            for (var x = start.X; x < s_dummyShape.X - endMargin.X; x++)
            {
                for (var z = start.Z; z < s_dummyShape.Z - endMargin.Z; z++)
                {
                    values[s_dummyShape.IndexOf(y, x, z)] = value;
                }
            }
        }
    }
}
