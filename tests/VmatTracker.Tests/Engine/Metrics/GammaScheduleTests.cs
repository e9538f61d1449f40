using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.Metrics;

public sealed class GammaScheduleTests
{
    [Fact]
    public void Distances_Dta3MaxGamma2_VisitsTheExactDoubleSchedule()
    {
        // Arrange: the 22 distances of dose-science 1.2b, as Python's floats print them.
        double[] expected =
        [
            0, 0.3, 0.6, 0.8999999999999999, 1.2, 1.5, 1.8, 2.1, 2.4, 2.6999999999999997, 2.9999999999999996, 3.0, 3.3,
            3.5999999999999996, 3.8999999999999995, 4.199999999999999, 4.499999999999999, 4.799999999999999,
            5.099999999999999, 5.399999999999999, 5.699999999999998, 5.999999999999998,
        ];

        // Act
        var distances = GammaSchedule.Distances(3, 10, 2).Select(d => d.Distance).ToArray();

        // Assert: bit-exact, not approximately.
        Assert.Equal(expected, distances);
    }

    [Fact]
    public void ShellOffsets_Step03_HasPymedphysPointCounts()
    {
        // Arrange / Act
        var sizes = GammaSchedule.Distances(3, 10, 2).Select(d => GammaSchedule.ShellOffsets(d.Distance, d.Step).Length / 3).ToArray();

        // Assert: 1, 23 (rows 1, 6, 8, 6, 2), 67; 6,560 up to 3.0 mm and 38,787 in all.
        Assert.Equal(1, sizes[0]);
        Assert.Equal(23, sizes[1]);
        Assert.Equal(67, sizes[2]);
        Assert.Equal(6560, sizes.Take(12).Sum());
        Assert.Equal(38787, sizes.Sum());
    }

    [Fact]
    public void ShellOffsets_AnyDistance_LieOnTheSphere()
    {
        // Arrange / Act
        var offsets = GammaSchedule.ShellOffsets(2.1, 0.3);

        // Assert
        for (var p = 0; p < offsets.Length; p += 3)
        {
            var r = Math.Sqrt((offsets[p] * offsets[p]) + (offsets[p + 1] * offsets[p + 1]) + (offsets[p + 2] * offsets[p + 2]));
            Assert.Equal(2.1, r, 1e-12);
        }
    }

    [Fact]
    public void Distances_InfiniteMaxGamma_KeepsTheBaseStep()
    {
        // Arrange / Act
        var first = GammaSchedule.Distances(2, 10, double.PositiveInfinity).Take(40).ToArray();

        // Assert: step stays DTA/10; the schedule does not end by itself.
        Assert.All(first, d => Assert.Equal(0.2, d.Step, 1e-15));
        Assert.Equal(1.9999999999999998, first[10].Distance);
        Assert.Equal(2.0, first[11].Distance);
        Assert.Equal(40, first.Length);
    }
}
