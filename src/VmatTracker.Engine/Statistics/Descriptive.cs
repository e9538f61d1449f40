namespace VmatTracker.Engine.Statistics;

/// <summary>Mean and spread as the reference reports them (reference-spec 4.5).</summary>
public static class Descriptive
{
    /// <summary>
    /// Mean and population standard deviation (numpy's std with ddof = 0), the "4.80 ± 2.45" of the reference.
    /// </summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static (double Mean, double Std) MeanAndPopulationStd(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("the mean of no values is undefined", nameof(values));
        }

        var mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count));
    }
}
