using System.Globalization;
using VmatTracker.Engine.Metrics;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Metrics;

public sealed class DvhValuesTests
{
    private static readonly double[] s_oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Theory]
    [InlineData(5, 1)]
    [InlineData(50, 5)]
    [InlineData(98, 9)]
    [InlineData(100, 10)]
    public void LowerPercentile_OneToTen_PicksSortedFloorIndex(double q, double expected)
    {
        // Arrange / Act
        var value = DvhValues.LowerPercentile(s_oneToTen, q);

        // Assert: sorted[floor(9 q / 100)].
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(50, 5.5)]
    [InlineData(5, 1.45)]
    [InlineData(99, 9.91)]
    public void LinearPercentile_OneToTen_Interpolates(double q, double expected)
    {
        // Arrange / Act
        var value = DvhValues.LinearPercentile(s_oneToTen, q);

        // Assert
        Assert.Equal(expected, value, 1e-12);
    }

    [Fact]
    public void Compute_TargetDoses_GivesDxVxAndOwnPrescriptionCoverage()
    {
        // Arrange: 100 voxels at 66.0, 66.1, ..., 75.9 Gy in a 70 Gy target, 0.064 cc voxels.
        var doses = Enumerable.Range(0, 100).Select(i => 66.0 + (i / 10.0)).Reverse().ToArray();

        // Act
        var dvh = DvhValues.Compute(doses, 0.064, 70);

        // Assert
        Assert.Equal(66.0 + 0.1, dvh.Dx["D98"], 1e-9);
        Assert.Equal(66.0 + 0.4, dvh.Dx["D95"], 1e-9);
        Assert.Equal(75.9, dvh.Max, 1e-12);
        Assert.Equal(60, dvh.V100!.Value, 1e-12);
        Assert.Equal(95, dvh.V95!.Value, 1e-12);
        Assert.Equal(60, dvh.Vx["V70"], 1e-12);
        Assert.Equal(6.4, dvh.V45Cc, 1e-12);
        Assert.Equal(70.95, dvh.Mean, 1e-9);
    }

    [Fact]
    public void Percentiles_RandomData_MatchNumpy()
    {
        // Arrange: many sizes, so floor((n - 1) q / 100) lands on and near whole numbers.
        const string Script = """
            import numpy as np, sys
            rng = np.random.default_rng(5)
            for n in [1, 2, 3, 7, 20, 21, 100, 101, 999]:
                x = np.round(rng.random(n) * 70, 3)
                for q in [2, 5, 50, 95, 98, 1, 99]:
                    print(n, q, " ".join(repr(float(v)) for v in x), repr(float(np.percentile(x, q, method='lower'))), repr(float(np.percentile(x, q))))
            """;

        // Act
        var lines = NumpyPython.Run(Script).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Assert
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var parts = line.Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var n = (int)parts[0];
            var sorted = parts[2..(2 + n)].Order().ToArray();
            Assert.Equal(parts[2 + n], DvhValues.LowerPercentile(sorted, parts[1]));
            Assert.Equal(parts[3 + n], DvhValues.LinearPercentile(sorted, parts[1]), 1e-12);
        }
    }

    [Fact]
    public void Cumulative_UniformDoses_StartsAtHundredAndFalls()
    {
        // Arrange
        var doses = Enumerable.Range(0, 81).Select(i => (double)i).ToArray();

        // Act
        var curve = DvhCurve.Cumulative(doses);

        // Assert
        Assert.Equal(500, curve.DoseGy.Length);
        Assert.Equal(0, curve.DoseGy[0]);
        Assert.Equal(80.5, curve.DoseGy[^1]);
        Assert.Equal(100, curve.VolumePct[0]);
        Assert.Equal(0, curve.VolumePct[^1]);
        Assert.True(curve.VolumePct.Zip(curve.VolumePct.Skip(1)).All(p => p.First >= p.Second));
    }
}
