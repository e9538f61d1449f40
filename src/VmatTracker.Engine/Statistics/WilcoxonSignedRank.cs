namespace VmatTracker.Engine.Statistics;

/// <summary>
/// The paired Wilcoxon signed-rank test, two-sided, as the reference's pre-registered statistics use it (scipy's
/// <c>wilcoxon</c> with zero_method "wilcox"): zero differences are dropped first; the exact null distribution is used
/// for at most <see cref="ExactLimit"/> remaining differences when no magnitudes tie, otherwise the normal
/// approximation with the tie-corrected variance and a continuity correction of one half.
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>The largest number of non-zero differences for which the exact distribution is used.</summary>
    public const int ExactLimit = 25;

    /// <summary>Tests x against y pair by pair (differences x − y).</summary>
    /// <exception cref="ArgumentException">The lists differ in length or hold a value that is not finite.</exception>
    public static WilcoxonResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"paired samples differ in length ({x.Count} and {y.Count})", nameof(y));
        }

        var differences = new List<double>(x.Count);
        for (var i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"pair {i} holds a value that is not finite ({x[i]}, {y[i]})", nameof(x));
            }

            var d = x[i] - y[i];
            if (d != 0)
            {
                differences.Add(d);
            }
        }

        var zeros = x.Count - differences.Count;
        var n = differences.Count;
        if (n == 0)
        {
            return new WilcoxonResult(x.Count, zeros, 0, 0, 0, null, 1.0, WilcoxonMethod.AllDifferencesZero, false);
        }

        var (ranks, tieGroups) = AverageRanks(differences.Select(Math.Abs).ToArray());
        double plus = 0, minus = 0;
        for (var i = 0; i < n; i++)
        {
            if (differences[i] > 0)
            {
                plus += ranks[i];
            }
            else
            {
                minus += ranks[i];
            }
        }

        var statistic = Math.Min(plus, minus);
        var hasTies = tieGroups.Count > 0;
        if (n <= ExactLimit && !hasTies)
        {
            var p = Math.Min(1.0, 2.0 * ExactLowerTail(n, (int)Math.Round(statistic)));
            return new WilcoxonResult(x.Count, zeros, plus, minus, statistic, null, p, WilcoxonMethod.Exact, false);
        }

        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1.0) * ((2.0 * n) + 1.0);
        variance -= 0.5 * tieGroups.Sum(t => (double)t * ((t * t) - 1));
        var sd = Math.Sqrt(variance / 24.0);
        var correction = 0.5 * Math.Sign(statistic - mean);
        var z = (statistic - mean - correction) / sd;
        return new WilcoxonResult(x.Count, zeros, plus, minus, statistic, z, NormalDistribution.TwoSidedP(z),
            WilcoxonMethod.NormalApproximation, hasTies);
    }

    /// <summary>P(W ≤ <paramref name="t"/>) under the null for n differences: subsets of {1..n} with sum ≤ t over 2^n.</summary>
    internal static double ExactLowerTail(int n, int t)
    {
        var maxSum = n * (n + 1) / 2;
        var counts = new double[maxSum + 1];
        counts[0] = 1;
        for (var k = 1; k <= n; k++)
        {
            for (var s = (k * (k + 1) / 2); s >= k; s--)
            {
                counts[s] += counts[s - k];
            }
        }

        var below = 0.0;
        for (var s = 0; s <= Math.Min(t, maxSum); s++)
        {
            below += counts[s];
        }

        return below / Math.Pow(2, n);
    }

    // Ranks 1..n with ties given their average rank; also the size of every group of two or more tied values.
    private static (double[] Ranks, List<int> TieGroups) AverageRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        var groups = new List<int>();
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var average = ((start + 1) + (end + 1)) / 2.0;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = average;
            }

            if (end > start)
            {
                groups.Add(end - start + 1);
            }

            start = end + 1;
        }

        return (ranks, groups);
    }
}
