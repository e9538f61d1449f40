namespace VmatTracker.Engine.Statistics;

/// <summary>
/// Holm's step-down correction for a family of tests: the k-th smallest of m p-values is multiplied by m − k + 1,
/// made non-decreasing along that order, and capped at 1.
/// </summary>
public static class HolmBonferroni
{
    /// <summary>Adjusted p-values, in the order given.</summary>
    /// <exception cref="ArgumentException">A p-value is not in [0, 1].</exception>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        foreach (var p in pValues)
        {
            if (!(p is >= 0 and <= 1))
            {
                throw new ArgumentException($"a p-value must lie in [0, 1], not {p}", nameof(pValues));
            }
        }

        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - k) * pValues[order[k]]));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }
}
