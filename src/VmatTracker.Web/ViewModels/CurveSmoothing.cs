namespace VmatTracker.Web.ViewModels;

/// <summary>
/// Exponential moving average for training curves (TensorBoard's smoothing slider): each point is
/// weight·previous + (1 − weight)·value, debiased at the start so the curve does not begin at zero.
/// Missing values (null) stay missing and do not move the average.
/// </summary>
public static class CurveSmoothing
{
    /// <summary>Smooths <paramref name="values"/> with <paramref name="weight"/> in [0, 1); 0 returns them unchanged.</summary>
    public static IReadOnlyList<double?> Ema(IReadOnlyList<double?> values, double weight)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(weight, 1);
        var smoothed = new double?[values.Count];
        double average = 0;
        var seen = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value || !double.IsFinite(value))
            {
                continue;
            }

            seen++;
            average = (weight * average) + ((1 - weight) * value);
            smoothed[i] = average / (1 - Math.Pow(weight, seen));
        }

        return smoothed;
    }
}
