namespace VmatTracker.Engine.Phantoms;

/// <summary>Order statistics of a dose inside a mask, with numpy's definitions.</summary>
internal static class DoseStatistics
{
    /// <summary>The values of <paramref name="dose"/> where <paramref name="mask"/> is set, sorted ascending.</summary>
    public static double[] SortedInside(ReadOnlySpan<double> dose, ReadOnlySpan<byte> mask)
    {
        var values = new List<double>();
        for (var i = 0; i < dose.Length; i++)
        {
            if (mask[i] != 0)
            {
                values.Add(dose[i]);
            }
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>numpy.median: the mean of the two middle values for an even count.</summary>
    public static double Median(double[] sorted)
    {
        var n = sorted.Length;
        if (n == 0)
        {
            throw new InvalidOperationException("Median of an empty selection.");
        }

        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
    }

    /// <summary>numpy.percentile(x, q, method='lower'): x[⌊(n − 1)·q/100⌋] of the ascending values.</summary>
    public static double PercentileLower(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("Percentile of an empty selection.");
        }

        return sorted[(int)Math.Floor((sorted.Length - 1) * q / 100.0)];
    }
}
