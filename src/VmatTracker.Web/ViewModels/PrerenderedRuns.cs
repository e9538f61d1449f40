using System.Text.Json;
using VmatTracker.Data.Entities;
using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The run list's first page, handed from the prerender to the live page (declarative persistent state), so the first
/// live render shows the same rows at once instead of an empty table while it reads them again. It travels inside the
/// page and back in the circuit's start message, whose size SignalR limits, so each run carries only what the first
/// page shows: the default columns' metrics and parameters, and for running runs what their progress bar reads.
/// </summary>
/// <param name="Runs">The page's runs, trimmed.</param>
/// <param name="TotalCount">How many runs match.</param>
/// <param name="Keys">The metric and parameter names the column picker offers.</param>
public sealed record PrerenderedRuns(IReadOnlyList<RunListItem> Runs, int TotalCount, RunKeys Keys)
{
    /// <summary>Above this many bytes of JSON the page is not carried (the live page reads it again instead).</summary>
    public const int MaxCarriedBytes = 48 * 1024;

    /// <summary>
    /// The state to carry for <paramref name="runs"/> shown with <paramref name="columns"/>, or null when it would be
    /// larger than <see cref="MaxCarriedBytes"/>.
    /// </summary>
    public static PrerenderedRuns? Carry(IReadOnlyList<RunListItem> runs, int totalCount, RunKeys keys, IEnumerable<RunColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(columns);
        var shown = columns.ToList();
        var metrics = shown.Select(c => c.MetricKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var parameters = shown.Select(c => c.ParameterKey).OfType<string>().Append("epochs").ToHashSet(StringComparer.Ordinal);
        var trimmed = runs.Select(run => run with
        {
            Metrics = run.Metrics.Where(m => metrics.Contains(m.Key) || (run.Status == RunStatus.Running && m.Key.StartsWith("val/", StringComparison.Ordinal)))
                .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
            Params = run.Params.Where(p => parameters.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        }).ToList();
        var state = new PrerenderedRuns(trimmed, totalCount, keys);
        return JsonSerializer.SerializeToUtf8Bytes(state).Length <= MaxCarriedBytes ? state : null;
    }

    /// <summary>The runs as the live page uses them: parameter values that arrived as JSON become what the store reads
    /// (whole numbers as long, other numbers as double, booleans, text).</summary>
    public IReadOnlyList<RunListItem> Restore() =>
        [.. Runs.Select(run => run with { Params = run.Params.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal) })];

    private static object? FromJson(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } n => n.TryGetInt64(out var whole) ? (object)whole : n.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.String } t => t.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement other => other.GetRawText(),
        _ => value,
    };
}
