using System.Globalization;
using VmatTracker.Data.Recording;

namespace VmatTracker.Data.Import;

/// <summary>
/// Reads Lightning's CSVLogger metrics.csv: columns epoch, step and one per metric; each row holds the metrics logged
/// at that event, the rest empty (the "NaN gaps"). An empty cell is a gap, not a value; a literal nan/inf is a logged
/// non-finite value and is kept. A malformed row is reported with its line number and skipped.
/// </summary>
internal static class LightningMetricsReader
{
    public static List<MetricValue> Read(string path, List<string> problems)
    {
        var points = new List<MetricValue>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',');
        if (header is null)
        {
            problems.Add($"{path}: empty file");
            return points;
        }

        var epochColumn = Array.IndexOf(header, "epoch");
        var stepColumn = Array.IndexOf(header, "step");
        if (stepColumn < 0)
        {
            problems.Add($"{path} line 1: no 'step' column");
            return points;
        }

        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length != header.Length || !TryNumber(cells[stepColumn], out var step)
                || (epochColumn >= 0 && cells[epochColumn].Length > 0 && !TryNumber(cells[epochColumn], out _)))
            {
                problems.Add($"{path} line {line}: expected {header.Length} cells with a numeric step, found '{Shorten(text)}'; row skipped");
                continue;
            }

            int? epoch = epochColumn >= 0 && TryNumber(cells[epochColumn], out var e) ? (int)e : null;
            for (var column = 0; column < header.Length; column++)
            {
                if (column == epochColumn || column == stepColumn || cells[column].Length == 0)
                {
                    continue;
                }

                if (!TryNumber(cells[column], out var value))
                {
                    problems.Add($"{path} line {line}: '{header[column]}' is not a number ('{Shorten(cells[column])}'); cell skipped");
                    continue;
                }

                points.Add(new MetricValue(header[column], (long)step, epoch, value));
            }
        }

        return points;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim() switch
        {
            "nan" or "NaN" => "NaN",
            "inf" or "Infinity" => "Infinity",
            "-inf" or "-Infinity" => "-Infinity",
            var other => other,
        }, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
