using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using VmatTracker.Data.Queries;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Controls;

/// <summary>The comparison page's charts, drawn from the stored series and evaluations.</summary>
public sealed partial class CompareCharts
{
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private readonly Plotly.Blazor.Layout _barLayout = new() { Height = 360, BarMode = BarModeEnum.Group };
    private List<string> _keys = [];
    private string _xAxis = "epoch";
    private double _smoothing;
    private int _caseColumn;
    private int _curveVersion;

    /// <summary>The runs, in table order.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<RunListItem> Runs { get; set; }

    /// <summary>Their series.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<MetricSeries> Series { get; set; }

    /// <summary>Their latest evaluations, in table order (null: not evaluated).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<EvaluationView?> Evaluations { get; set; }

    /// <summary>The metric drawn (default <c>val/mae_gy</c> when present).</summary>
    public string? CurveKey { get; set; }

    /// <summary>Points of one run's series as the chart draws them: x by epoch (step when none) or by hours since the
    /// run's first point, y smoothed.</summary>
    public static (List<object> X, List<object?> Y) Curve(MetricSeries series, bool byWallTime, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(series);
        var start = series.Points.Count == 0 ? default : series.Points.Min(p => p.WallTime);
        var xs = series.Points.Select(p => byWallTime ? (object)((p.WallTime - start).TotalHours) : p.Epoch ?? p.Step).ToList();
        var ys = CurveSmoothing.Ema([.. series.Points.Select(p => (double?)p.AsDouble)], smoothing).Select(v => (object?)v).ToList();
        return (xs, ys);
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _keys = [.. Series.Select(s => s.Key).Distinct().Order(StringComparer.Ordinal)];
        if (CurveKey is null || !_keys.Contains(CurveKey))
        {
            CurveKey = _keys.Contains("val/mae_gy") ? "val/mae_gy" : _keys.FirstOrDefault();
        }

        _curveVersion++;
    }

    // A new key on the charts makes Blazor create them anew, with the new data.
    private void Redraw() => _curveVersion++;

    private Plotly.Blazor.Layout CurveLayout() => new()
    {
        Height = 380,
        Title = new Title { Text = CurveKey },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = _xAxis == "wall" ? "hours since first point" : "epoch" } }],
    };

    private List<ITrace> CurveTraces()
    {
        var traces = new List<ITrace>();
        foreach (var run in Runs)
        {
            if (Series.FirstOrDefault(s => s.RunId == run.Id && s.Key == CurveKey) is { } series)
            {
                var (xs, ys) = Curve(series, _xAxis == "wall", _smoothing);
                traces.Add(new Scatter { Name = $"{run.Name} (#{run.Id})", Mode = ModeFlag.Lines, X = xs, Y = ys! });
            }
        }

        return traces;
    }

    private List<ITrace> CaseBars()
    {
        var metrics = EvaluationView.CaseColumns[_caseColumn].Metrics;
        var traces = new List<ITrace>();
        for (var i = 0; i < Runs.Count; i++)
        {
            if (Evaluations[i] is { } evaluation)
            {
                traces.Add(new Bar
                {
                    Name = $"{Runs[i].Name} (#{Runs[i].Id})",
                    X = [.. evaluation.Cases.Cast<object>()],
                    Y = [.. evaluation.Cases.Select(c => (object?)evaluation.CaseValue(c, metrics))!],
                });
            }
        }

        return traces;
    }
}
