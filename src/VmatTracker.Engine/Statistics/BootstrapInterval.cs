namespace VmatTracker.Engine.Statistics;

/// <summary>A bootstrap confidence interval of a mean.</summary>
/// <param name="Estimate">The mean of the sample itself.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="Confidence">Coverage, e.g. 0.95.</param>
/// <param name="Seed">Seed of the generator.</param>
public sealed record BootstrapInterval(double Estimate, double Lower, double Upper, int Resamples, double Confidence, ulong Seed)
{
    /// <summary>Resamples the reference's case-level bootstrap draws.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>The fixed seed, so a report rebuilt from the same store shows the same interval.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>
    /// Percentile interval of the mean paired difference x − y: <paramref name="resamples"/> times, draw as many cases
    /// as there are, with replacement, and take their mean difference; the bounds are the (1 ± confidence)/2 quantiles
    /// of those means (linear interpolation between order statistics, numpy's default).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a value that is not finite.</exception>
    public static BootstrapInterval MeanDifference(IReadOnlyList<double> x, IReadOnlyList<double> y,
        int resamples = DefaultResamples, double confidence = 0.95, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count == 0)
        {
            throw new ArgumentException($"paired samples must be non-empty and of one length ({x.Count} and {y.Count})", nameof(y));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must lie in (0, 1)");
        }

        var differences = new double[x.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = x[i] - y[i];
            if (!double.IsFinite(differences[i]))
            {
                throw new ArgumentException($"pair {i} holds a value that is not finite ({x[i]}, {y[i]})", nameof(x));
            }
        }

        var random = new SeededRandom(seed);
        var n = (ulong)differences.Length;
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < differences.Length; i++)
            {
                // The high half of a 64x64-bit product maps a uniform word onto [0, n) without modulo's skew.
                sum += differences[(int)Math.BigMul(random.NextUInt64(), n, out _)];
            }

            means[r] = sum / differences.Length;
        }

        Array.Sort(means);
        var tail = (1 - confidence) / 2;
        return new BootstrapInterval(differences.Average(), Quantile(means, tail), Quantile(means, 1 - tail), resamples,
            confidence, seed);
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
