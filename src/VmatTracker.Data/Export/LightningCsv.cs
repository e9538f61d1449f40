using System.Globalization;
using System.Text;
using VmatTracker.Data.Queries;

namespace VmatTracker.Data.Export;

/// <summary>
/// Lightning's CSVLogger shape: columns epoch, step, then every metric key in name order; one row per logged
/// (epoch, step), with empty cells for keys not logged in that row (pandas reads them as NaN).
/// </summary>
internal static class LightningCsv
{
    public static string Write(IReadOnlyList<MetricSeries> series)
    {
        var keys = series.Select(s => s.Key).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = new SortedDictionary<(long Step, int Epoch), Dictionary<string, double>>();
        foreach (var s in series)
        {
            foreach (var point in s.Points)
            {
                var at = (point.Step, point.Epoch ?? 0);
                if (!rows.TryGetValue(at, out var row))
                {
                    rows[at] = row = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                row[s.Key] = point.AsDouble;
            }
        }

        var text = new StringBuilder();
        text.AppendLine("epoch,step" + string.Concat(keys.Select(k => "," + CsvText.Cell(k))));
        foreach (var ((step, epoch), values) in rows.OrderBy(r => r.Key.Epoch).ThenBy(r => r.Key.Step))
        {
            text.Append(epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(step.ToString(CultureInfo.InvariantCulture));
            foreach (var key in keys)
            {
                text.Append(',');
                if (values.TryGetValue(key, out var value))
                {
                    text.Append(double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf"
                        : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
