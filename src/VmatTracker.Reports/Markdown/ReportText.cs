using System.Globalization;
using VmatTracker.Engine.Statistics;

namespace VmatTracker.Reports.Markdown;

/// <summary>How report cells print numbers, p-values, intervals and parameter values (the dashboard's compare page
/// prints its statistics with the same functions).</summary>
#pragma warning disable CS1591 // Each member is one cell format; the names say which.
public static class ReportText
{
    public static string Value(ReportValue value, ReportMetric metric) => value.Format(metric.Decimals, metric.Unit);

    public static string ValueWithCount(ReportValue value, ReportMetric metric)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Count is { } n ? $"{Value(value, metric)} (n = {n})" : Value(value, metric);
    }

    public static string Parameter(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("F4", CultureInfo.InvariantCulture);

    public static string TooFew(int pairs) =>
        $"too few paired cases (n = {pairs}; at least {PairedComparison.MinimumPairs} needed)";

    public static string Wilcoxon(PairedComparison c) => c.Wilcoxon is not { } w ? TooFew(c.PairedCases) : w.Method switch
    {
        WilcoxonMethod.Exact => $"{P(w.PValue)} (exact, W = {ReportValue.Number(w.Statistic, 1)})",
        WilcoxonMethod.NormalApproximation => $"{P(w.PValue)} (normal approx., z = {ReportValue.Number(w.Z ?? 0, 2)})",
        _ => $"{P(w.PValue)} (all differences zero)",
    };

    public static string Holm(PairedComparison c) => c.HolmP is { } p ? P(p) : TooFew(c.PairedCases);

    public static string Interval(PairedComparison c, ReportMetric metric)
    {
        if (c.Interval is not { } ci)
        {
            return TooFew(c.PairedCases);
        }

        var unit = metric.Unit == "%" ? " pp" : " " + metric.Unit;
        var d = metric.Decimals + 1;
        return $"{ReportValue.Number(ci.Estimate, d)} [{ReportValue.Number(ci.Lower, d)}, {ReportValue.Number(ci.Upper, d)}]{unit}";
    }

    public static string Hours(double seconds) => ReportValue.Number(seconds / 3600.0, 2) + " h";
}
#pragma warning restore CS1591
