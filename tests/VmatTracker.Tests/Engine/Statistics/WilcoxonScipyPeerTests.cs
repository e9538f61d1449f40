using System.Globalization;
using System.Text.Json;
using VmatTracker.Engine.Statistics;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Statistics;

/// <summary>The signed-rank test and the normal tail against scipy, an implementation written independently of ours.</summary>
public sealed class WilcoxonScipyPeerTests
{
    // scipy 1.9+ calls the switch `method`; older releases called it `mode`.
    private const string Peer = """
        import sys, json
        from scipy import stats, special
        a = json.loads(sys.argv[1])
        def run(x, y, how, correction):
            try:
                r = stats.wilcoxon(x, y, zero_method='wilcox', correction=correction, alternative='two-sided', method=how)
            except TypeError:
                r = stats.wilcoxon(x, y, zero_method='wilcox', correction=correction, alternative='two-sided', mode=how)
            return [float(r.statistic), float(r.pvalue)]
        out = {
            'approx': run(a['ax'], a['ay'], 'approx', True),
            'exact': run(a['ex'], a['ey'], 'exact', False),
            'erfc': [float(special.erfc(v)) for v in a['erfc']],
        }
        print(json.dumps(out))
        """;

    [Fact]
    public void Test_NormalAndExactPaths_AgreeWithScipy()
    {
        // Arrange
        NumpyPython.RequireModule("scipy");
        // 30 pairs with two zero differences and tied magnitudes: the normal approximation with both corrections.
        double[] ax = [.. Enumerable.Range(0, 30).Select(i => Math.Round(Math.Sin(i * 1.7) * 3, 1))];
        double[] ay = [.. Enumerable.Range(0, 30).Select(i => Math.Round((Math.Cos(i * 0.9) * 2) + 0.4, 1))];
        ay[3] = ax[3];
        ay[11] = ax[11];
        // 12 distinct differences, no zero: the exact distribution.
        double[] ex = [4.1, 3.7, 5.2, 6.0, 2.9, 4.4, 5.8, 3.3, 4.9, 6.6, 5.5, 3.9];
        double[] ey = [3.8, 3.9, 4.1, 5.35, 3.05, 3.2, 4.65, 3.9, 4.5, 5.3, 5.05, 2.2];
        double[] erfc = [0.1, 0.7, 1.5, 1.99, 2.0, 2.5, 4.0, 6.0];
        var args = JsonSerializer.Serialize(new { ax, ay, ex, ey, erfc });

        // Act
        var peer = JsonDocument.Parse(NumpyPython.Run(Peer, args)).RootElement;
        var approx = WilcoxonSignedRank.Test(ax, ay);
        var exact = WilcoxonSignedRank.Test(ex, ey);

        // Assert
        Assert.Equal(WilcoxonMethod.NormalApproximation, approx.Method);
        Assert.True(approx.HasTies && approx.ZeroDifferences == 2, $"{approx}");
        Assert.Equal(peer.GetProperty("approx")[0].GetDouble(), approx.Statistic, 9);
        AssertRelative(peer.GetProperty("approx")[1].GetDouble(), approx.PValue, 1e-9);

        Assert.Equal(WilcoxonMethod.Exact, exact.Method);
        Assert.Equal(peer.GetProperty("exact")[0].GetDouble(), exact.Statistic, 9);
        AssertRelative(peer.GetProperty("exact")[1].GetDouble(), exact.PValue, 1e-12);

        var expected = peer.GetProperty("erfc").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var i = 0; i < erfc.Length; i++)
        {
            AssertRelative(expected[i], NormalDistribution.Erfc(erfc[i]), 1e-12);
        }
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"expected {expected:R}, got {actual:R}"));
}
