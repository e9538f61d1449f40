using System.Globalization;

namespace VmatTracker.Data.Export;

/// <summary>RFC 4180 cells: quoted when they hold a comma, a quote or a line break; numbers in invariant "R" form.</summary>
internal static class CsvText
{
    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    public static string Row(IEnumerable<object?> values) => string.Join(',', values.Select(Cell));

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
