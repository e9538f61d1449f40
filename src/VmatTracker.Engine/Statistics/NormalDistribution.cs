namespace VmatTracker.Engine.Statistics;

/// <summary>
/// The standard normal tail, written here because .NET has no erfc. A power series below 2 and a continued fraction
/// from 2 up keep the relative error near 1e-14 across the range p-values need.
/// </summary>
public static class NormalDistribution
{
    private static readonly double s_inverseSqrtPi = 1.0 / Math.Sqrt(Math.PI);

    /// <summary>P(Z ≥ <paramref name="z"/>) for a standard normal Z.</summary>
    public static double UpperTail(double z) =>
        z >= 0 ? 0.5 * Erfc(z / Math.Sqrt(2.0)) : 1.0 - (0.5 * Erfc(-z / Math.Sqrt(2.0)));

    /// <summary>Two-sided p-value of a z score: P(|Z| ≥ |z|).</summary>
    public static double TwoSidedP(double z) => Math.Min(1.0, Erfc(Math.Abs(z) / Math.Sqrt(2.0)));

    /// <summary>The complementary error function for x ≥ 0 (negative x via erfc(−x) = 2 − erfc(x)).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2.0 - Erfc(-x);
        }

        if (x < 2.0)
        {
            // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum 2^n x^(2n+1) / (2n+1)!!: every term is positive, so nothing cancels.
            var term = x;
            var sum = x;
            for (var n = 1; n < 200 && term > sum * 1e-17; n++)
            {
                term *= 2.0 * x * x / ((2 * n) + 1);
                sum += term;
            }

            return 1.0 - (2.0 * s_inverseSqrtPi * Math.Exp(-x * x) * sum);
        }

        if (x > 27.0)
        {
            return 0.0; // below the smallest double
        }

        // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated from the tail up.
        var fraction = x;
        for (var k = 120; k >= 1; k--)
        {
            fraction = x + (k / 2.0 / fraction);
        }

        return s_inverseSqrtPi * Math.Exp(-x * x) / fraction;
    }
}
