using VmatTracker.Engine.Statistics;

namespace VmatTracker.Tests.Engine.Statistics;

public sealed class PairedComparisonTests
{
    [Fact]
    public void Compare_FewerThanFivePairedCases_IsTooFewNotANumber()
    {
        // Arrange: five cases each, but only four in common.
        var candidate = Cases(("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5));
        var baseline = Cases(("a", 0), ("b", 0), ("c", 0), ("d", 0), ("z", 0));

        // Act
        var result = PairedComparison.Compare(candidate, baseline);

        // Assert
        Assert.True(result.TooFewPairs);
        Assert.Equal(4, result.PairedCases);
        Assert.Null(result.Interval);
    }

    [Fact]
    public void Compare_PairsByCaseId_NotByOrder()
    {
        // Arrange: the pairs, given in different orders on each side.
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        var candidate = Enumerable.Range(0, 9).ToDictionary(i => $"case_{i}", i => x[i]);
        var baseline = Enumerable.Range(0, 9).Reverse().ToDictionary(i => $"case_{i}", i => y[i]);

        // Act
        var result = PairedComparison.Compare(candidate, baseline);

        // Assert
        Assert.Equal(9, result.PairedCases);
        Assert.Equal(20.0 / 512, result.Wilcoxon!.PValue, 12);
        Assert.Equal(x.Zip(y, (a, b) => a - b).Average(), result.Interval!.Estimate, 12);
    }

    [Fact]
    public void AdjustFamily_SkipsComparisonsWithoutATest()
    {
        // Arrange: two tested comparisons and one with too few pairs.
        var tested = new PairedComparison(9, Wilcoxon(0.01), null, null);
        var tooFew = new PairedComparison(2, null, null, null);
        var other = new PairedComparison(9, Wilcoxon(0.04), null, null);

        // Act
        var adjusted = PairedComparison.AdjustFamily([tested, tooFew, other]);

        // Assert: a family of two: 2·0.01 and max(0.02, 0.04).
        Assert.Equal(0.02, adjusted[0].HolmP!.Value, 12);
        Assert.Null(adjusted[1].HolmP);
        Assert.Equal(0.04, adjusted[2].HolmP!.Value, 12);
    }

    [Fact]
    public void MeanAndPopulationStd_ReferenceThreeSeedBaseline_Is421Plus053()
    {
        // reference-spec 4.5: baseline MAE 4.80, 4.33, 3.51 over three seeds → 4.21 ± 0.53 (ddof = 0).
        var (mean, std) = Descriptive.MeanAndPopulationStd([4.80, 4.33, 3.51]);

        Assert.Equal(4.21, mean, 2);
        Assert.Equal(0.53, std, 2);
    }

    private static Dictionary<string, double> Cases(params (string Id, double Value)[] cases) =>
        cases.ToDictionary(c => c.Id, c => c.Value);

    private static WilcoxonResult Wilcoxon(double p) => new(9, 0, 0, 0, 0, null, p, WilcoxonMethod.Exact, false);
}
