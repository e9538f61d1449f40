using System.Globalization;

namespace VmatTracker.Reports;

/// <summary>
/// One number of a report, or the reason it is missing. Test-set values carry their spread over cases (population
/// std) and the number of cases; a missing value prints as "n/a (reason)", never as a made-up number.
/// </summary>
/// <param name="Value">The value (a mean when <paramref name="Count"/> is set).</param>
/// <param name="Std">Population standard deviation over the cases or seeds, when there is one.</param>
/// <param name="Count">How many cases or seeds the mean is over.</param>
/// <param name="Missing">Why there is no value.</param>
public sealed record ReportValue(double? Value, double? Std, int? Count, string? Missing)
{
    /// <summary>A single value.</summary>
    public static ReportValue Of(double value) => new(value, null, null, null);

    /// <summary>A mean with its spread.</summary>
    public static ReportValue MeanOf(double mean, double std, int count) => new(mean, std, count, null);

    /// <summary>No value, with the reason.</summary>
    public static ReportValue NotAvailable(string reason) => new(null, null, null, reason);

    /// <summary>Whether there is a value.</summary>
    public bool HasValue => Value is not null;

    /// <summary>Formats as "1.43 ± 0.24 Gy" (unit "%" is written without a space), or "n/a (reason)".</summary>
    public string Format(int decimals, string unit)
    {
        if (Value is not { } value)
        {
            return $"n/a ({Missing ?? "not stored"})";
        }

        var suffix = unit.Length == 0 ? string.Empty : unit == "%" ? "%" : " " + unit;
        var text = Number(value, decimals);
        return Std is { } std && Count is null or > 1 ? $"{text} ± {Number(std, decimals)}{suffix}" : text + suffix;
    }

    /// <summary>Invariant fixed-point text; negative zero prints as 0.</summary>
    public static string Number(double value, int decimals)
    {
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.TrimStart('-').All(c => c is '0' or '.') ? text.TrimStart('-') : text;
    }
}
