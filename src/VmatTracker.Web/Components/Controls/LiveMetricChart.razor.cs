using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;

namespace VmatTracker.Web.Components.Controls;

/// <summary>
/// One line per metric key, by epoch (by step when a point has no epoch). Drawn once from the stored series; new
/// points are sent with Plotly's extendTraces (and a new key with addTraces), so the user's zoom and the traces
/// they hid in the legend stay as they are. <c>uirevision</c> is fixed as well, in case Plotly ever redraws.
/// </summary>
public sealed partial class LiveMetricChart
{
    private readonly Dictionary<string, int> _traceIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastStep = new(StringComparer.Ordinal);
    private PlotlyChart? _chart;
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private Plotly.Blazor.Layout _layout = new();
    private readonly List<ITrace> _data = [];

    /// <summary>The chart's element ID (also its <c>data-testid</c>).</summary>
    [Parameter, EditorRequired]
    public required string Id { get; set; }

    /// <summary>The chart title.</summary>
    [Parameter, EditorRequired]
    public required string Title { get; set; }

    /// <summary>The stored series to draw first (read once, when the chart is created).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<MetricSeries> Series { get; set; }

    /// <summary>
    /// When set, only keys starting with it are drawn at first; the others (learning rate, epoch time, gradient norm,
    /// structure weights) start hidden in the legend, one click away, so they do not set the y-axis scale.
    /// </summary>
    [Parameter]
    public string? ShownPrefix { get; set; }

    /// <summary>The keys drawn so far.</summary>
    public IReadOnlyCollection<string> Keys => _traceIndex.Keys;

    /// <summary>
    /// Adds live points. Points at or before a key's last drawn step are skipped, so a batch that arrived while the
    /// stored series was being read is not drawn twice.
    /// </summary>
    public async Task AppendAsync(IEnumerable<MetricValue> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (_chart is null)
        {
            return;
        }

        // Every known key's new points go to the browser in one extendTraces call (one round trip, one redraw), so
        // an epoch's metrics appear together rather than one trace per round trip.
        var extendXs = new List<IEnumerable<object>>();
        var extendYs = new List<IEnumerable<object>>();
        var extendIndices = new List<int>();
        var added = new List<Scatter>();
        foreach (var group in points.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var last = _lastStep.GetValueOrDefault(group.Key, long.MinValue);
            var fresh = group.Where(p => p.Step > last).OrderBy(p => p.Step).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            _lastStep[group.Key] = fresh[^1].Step;
            var xs = fresh.Select(p => (object)(p.Epoch ?? p.Step)).ToList();
            var ys = fresh.Select(p => (object?)(double.IsFinite(p.Value) ? p.Value : null)).ToList();
            if (_traceIndex.TryGetValue(group.Key, out var index))
            {
                extendXs.Add(xs);
                extendYs.Add(ys!);
                extendIndices.Add(index);
            }
            else
            {
                _traceIndex[group.Key] = _traceIndex.Count;
                added.Add(Line(group.Key, xs, ys, Visibility(group.Key)));
            }
        }

        if (extendIndices.Count > 0)
        {
            await _chart.ExtendTraces(extendXs, extendYs, extendIndices);
        }

        foreach (var trace in added)
        {
            await _chart.AddTrace(trace);
        }
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _layout = new Plotly.Blazor.Layout
        {
            Title = new Title { Text = Title },
            Height = 340,
            UiRevision = "keep",
            XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "epoch" } }],
        };
        foreach (var series in Series)
        {
            _traceIndex[series.Key] = _data.Count;
            _lastStep[series.Key] = series.Points.Count == 0 ? long.MinValue : series.Points.Max(p => p.Step);
            _data.Add(Line(series.Key, [.. series.Points.Select(p => (object)(p.Epoch ?? p.Step))],
                [.. series.Points.Select(p => (object?)(double.IsFinite(p.AsDouble) ? p.AsDouble : null))], Visibility(series.Key)));
        }
    }

    /// <summary>Whether a key's line is drawn at first or starts hidden in the legend (see <see cref="ShownPrefix"/>).</summary>
    public static VisibleEnum InitialVisibility(string key, string? shownPrefix) =>
        shownPrefix is null || key.StartsWith(shownPrefix, StringComparison.Ordinal) ? VisibleEnum.True : VisibleEnum.LegendOnly;

    private VisibleEnum Visibility(string key) => InitialVisibility(key, ShownPrefix);

    private static Scatter Line(string key, IList<object> xs, IList<object?> ys, VisibleEnum visible) => new()
    {
        Name = key,
        Visible = visible,
        UId = key,
        Mode = ModeFlag.Lines | ModeFlag.Markers,
        X = xs,
        Y = ys!,
    };
}
