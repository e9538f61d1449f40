using System.Globalization;
using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// A column of the run list: its title, the sort key the filter language understands (so sorting happens in the
/// database, over all runs, not over the page) and how a cell reads.
/// </summary>
/// <param name="Id">Stable identity, used by the column picker.</param>
/// <param name="Title">Header text.</param>
/// <param name="SortKey">The sort field (<c>metrics."val/mae_gy".min</c>, <c>params."seed"</c>, <c>created</c>).</param>
/// <param name="Cell">The cell's text for a run.</param>
public sealed record RunColumn(string Id, string Title, string SortKey, Func<RunListItem, string> Cell)
{
    /// <summary>The summary aggregates a metric column can show.</summary>
    public static readonly IReadOnlyList<string> Aggregates = ["min", "last", "max"];

    /// <summary>The metric a metric-summary column reads (null for other columns).</summary>
    public string? MetricKey { get; init; }

    /// <summary>The parameter a parameter column reads (null for other columns).</summary>
    public string? ParameterKey { get; init; }

    /// <summary>Columns always offered besides metrics and parameters.</summary>
    public static IReadOnlyList<RunColumn> Standard { get; } =
    [
        new("experiment", "Experiment", "experiment", r => r.Experiment),
        new("created", "Created (UTC)", "created", r => r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        new("duration", "Duration", "duration", r => Duration(r.DurationSeconds)),
        new("group", "Group", "group", r => r.GroupKey ?? ""),
    ];

    /// <summary>A metric summary column, e.g. the minimum of <c>val/mae_gy</c>.</summary>
    public static RunColumn Metric(string key, string aggregate) => new($"metric:{key}:{aggregate}", $"{key} ({aggregate})",
        $"metrics.{Quote(key)}.{aggregate}", r => r.Metrics.TryGetValue(key, out var s) ? Number(aggregate switch
        {
            "min" => s.Min,
            "max" => s.Max,
            _ => s.Last,
        }) : "")
    { MetricKey = key };

    /// <summary>A parameter column.</summary>
    public static RunColumn Parameter(string key) => new($"param:{key}", key, $"params.{Quote(key)}",
        r => r.Params.TryGetValue(key, out var value) ? Format(value) : "")
    { ParameterKey = key };

    /// <summary>Every column the store offers: the standard ones, then each metric aggregate, then each parameter.</summary>
    public static IReadOnlyList<RunColumn> All(RunKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. Standard, .. keys.Metrics.SelectMany(k => Aggregates.Select(a => Metric(k, a))), .. keys.Parameters.Select(Parameter)];
    }

    /// <summary>A number as the tables show it: four significant digits, invariant culture.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "";

    /// <summary>Seconds as hours (the seed's "2.62h") or minutes below an hour.</summary>
    public static string Duration(double? seconds) => seconds switch
    {
        null => "",
        >= 3600 => (seconds.Value / 3600).ToString("0.00", CultureInfo.InvariantCulture) + " h",
        _ => (seconds.Value / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min",
    };

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => Number(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Quoted so names with dots or slashes stay one name in the filter language.
    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
