using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.Metrics;

/// <summary>
/// pymedphys' own results on analytic Gaussian pairs (dose-science 1.3b): 48³ at 2.5 mm, peak 60 Gy, sigma 15 mm,
/// centre 58.75 mm, interp_fraction 10, max_gamma infinite, global, 10 % cutoff.
/// </summary>
public sealed class GammaGaussianTests
{
    private const double Root3 = 1.7320508075688772;
    private static readonly VolumeShape s_shape = new(48, 48, 48);
    private static readonly VoxelSpacing s_spacing = new(2.5, 2.5, 2.5);
    private static readonly Lazy<double[]> s_reference = new(() => Blob(1.0, 0, 0, 0));

    public static TheoryData<string, double, double, double, double> Cases => new()
    {
        // evaluated dose, criterion (% and mm), pass rate, mean, max
        { "identical", 3, 100.000, 0, 0 },
        { "identical", 2, 100.000, 0, 0 },
        { "shift2", 3, 100.000, 0.3228, 0.6619 },
        { "shift2", 2, 100.000, 0.4732, 0.9929 },
        { "shift5", 3, 64.654, 0.7785, 1.6226 },
        { "shift5", 2, 43.339, 1.1606, 2.4339 },
        { "scale105", 3, 100.000, 0.1755, 0.7589 },
        { "scale105", 2, 99.911, 0.2502, 1.1334 },
        { "diagonal", 3, 98.357, 0.4702, 1.1773 },
        { "diagonal", 2, 73.190, 0.6963, 1.7655 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_GaussianPair_MatchesPymedphys(string evaluated, double criterion, double passRate, double mean, double max)
    {
        // Arrange
        var dose = Evaluated(evaluated);
        var options = new GammaOptions
        {
            DosePercent = criterion,
            DistanceMm = criterion,
            LowerCutoffPercent = 10,
            MaxGamma = double.PositiveInfinity,
        };

        // Act
        var result = GammaIndex.Compute(s_reference.Value, dose, s_shape, s_spacing, options, TestContext.Current.CancellationToken);

        // Assert: pymedphys printed the rate to 3 decimals and mean/max to 4.
        Assert.Equal(9008, result.EvaluatedPoints);
        Assert.Equal(passRate, result.PassRate!.Value, 0.0006);
        Assert.Equal(passRate, result.PassRateStrict!.Value, 0.0006);
        Assert.Equal(mean, result.Mean!.Value, 0.00006);
        Assert.Equal(max, result.Max!.Value, 0.00006);
    }

    [Fact]
    public void Compute_LocalGammaScaled105_MatchesPymedphys()
    {
        // Arrange
        var options = new GammaOptions { Local = true, LowerCutoffPercent = 10, MaxGamma = double.PositiveInfinity };

        // Act
        var result = GammaIndex.Compute(s_reference.Value, Evaluated("scale105"), s_shape, s_spacing, options,
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(100.0, result.PassRate!.Value, 0.0006);
        Assert.Equal(0.2193, result.Mean!.Value, 0.00006);
        Assert.Equal(0.7589, result.Max!.Value, 0.00006);
    }

    private static double[] Evaluated(string name) => name switch
    {
        "identical" => s_reference.Value,
        "shift2" => Blob(1.0, 0, 0, 2),
        "shift5" => Blob(1.0, 0, 0, 5),
        "scale105" => Blob(1.05, 0, 0, 0),
        "diagonal" => Blob(1.03, Root3, Root3, Root3),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static double[] Blob(double scale, double shift0, double shift1, double shift2)
    {
        const double Centre = 58.75;
        const double Sigma = 15;
        var dose = new double[s_shape.VoxelCount];
        for (var y = 0; y < s_shape.Y; y++)
        {
            for (var x = 0; x < s_shape.X; x++)
            {
                for (var z = 0; z < s_shape.Z; z++)
                {
                    var a = (2.5 * y) - (Centre + shift0);
                    var b = (2.5 * x) - (Centre + shift1);
                    var c = (2.5 * z) - (Centre + shift2);
                    dose[s_shape.IndexOf(y, x, z)] = scale * 60 * Math.Exp(-((a * a) + (b * b) + (c * c)) / (2 * Sigma * Sigma));
                }
            }
        }

        return dose;
    }
}
