using VmatTracker.Engine.Statistics;

namespace VmatTracker.Tests.Engine.Statistics;

public sealed class WilcoxonSignedRankTests
{
    // The known answer of issue 7 (the classic paired example also used by scipy's documentation style of check).
    private static readonly double[] s_x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] s_y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

    [Fact]
    public void Test_IssueExample_ExactPIs0Point0391()
    {
        // Act
        var result = WilcoxonSignedRank.Test(s_x, s_y);

        // Assert: W− = 2 + 3 = 5; 10 of the 512 sign patterns reach a sum ≤ 5, twice that over 512 is 0.0390625.
        Assert.Equal(WilcoxonMethod.Exact, result.Method);
        Assert.Equal(5, result.Statistic);
        Assert.Equal(40, result.RankSumPositive);
        Assert.Equal(0.0391, result.PValue, 4);
        Assert.Equal(20.0 / 512, result.PValue, 12);
    }

    [Fact]
    public void Test_Swapped_SameP()
    {
        // Act
        var forward = WilcoxonSignedRank.Test(s_x, s_y);
        var backward = WilcoxonSignedRank.Test(s_y, s_x);

        // Assert: two-sided, so the direction does not matter; the rank sums swap.
        Assert.Equal(forward.PValue, backward.PValue, 15);
        Assert.Equal(forward.RankSumPositive, backward.RankSumNegative);
    }

    [Fact]
    public void Test_ZeroDifferences_AreDroppedBeforeRanking()
    {
        // Arrange: the issue's pairs plus two identical pairs.
        double[] x = [.. s_x, 5.0, 7.0];
        double[] y = [.. s_y, 5.0, 7.0];

        // Act
        var result = WilcoxonSignedRank.Test(x, y);

        // Assert: the same test as without them.
        Assert.Equal(2, result.ZeroDifferences);
        Assert.Equal(9, result.NonZero);
        Assert.Equal(WilcoxonMethod.Exact, result.Method);
        Assert.Equal(20.0 / 512, result.PValue, 12);
    }

    [Fact]
    public void Test_TiedMagnitudes_UseNormalApproximationWithAverageRanks()
    {
        // Arrange: differences 1, -1, 2, 3, 4, 5: |1| ties, ranks 1.5 and 1.5.
        double[] x = [1, 0, 2, 3, 4, 5];
        double[] y = [0, 1, 0, 0, 0, 0];

        // Act
        var result = WilcoxonSignedRank.Test(x, y);

        // Assert: W− = 1.5; mean 10.5; variance (6·7·13 − 0.5·2·3)/24 = 22.625; z = (1.5 − 10.5 + 0.5)/sqrt(22.625).
        Assert.Equal(WilcoxonMethod.NormalApproximation, result.Method);
        Assert.True(result.HasTies);
        Assert.Equal(1.5, result.Statistic);
        var z = (1.5 - 10.5 + 0.5) / Math.Sqrt(22.625);
        Assert.Equal(z, result.Z!.Value, 12);
        Assert.Equal(NormalDistribution.TwoSidedP(z), result.PValue, 15);
    }

    [Fact]
    public void Test_MoreThan25Differences_UsesNormalApproximation()
    {
        // Arrange: 26 distinct positive differences.
        var x = Enumerable.Range(1, 26).Select(i => i * 1.5).ToArray();
        var y = new double[26];

        // Act
        var result = WilcoxonSignedRank.Test(x, y);

        // Assert: W− = 0, far in the tail.
        Assert.Equal(WilcoxonMethod.NormalApproximation, result.Method);
        Assert.False(result.HasTies);
        Assert.True(result.PValue < 1e-4, $"p = {result.PValue}");
    }

    [Fact]
    public void Test_AllZero_PIsOne()
    {
        // Act
        var result = WilcoxonSignedRank.Test([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]);

        // Assert
        Assert.Equal(WilcoxonMethod.AllDifferencesZero, result.Method);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Test_NonFiniteOrUnequalLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.Test([1, double.NaN], [0, 0]));
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.Test([1, 2, 3], [0, 0]));
    }

    [Theory]
    [InlineData(1, 0, 0.5)]
    [InlineData(3, 1, 0.25)]
    [InlineData(9, 5, 10.0 / 512)]
    [InlineData(4, 10, 1.0)]
    public void ExactLowerTail_SmallN_CountsSignPatterns(int n, int t, double expected)
    {
        Assert.Equal(expected, WilcoxonSignedRank.ExactLowerTail(n, t), 15);
    }
}
