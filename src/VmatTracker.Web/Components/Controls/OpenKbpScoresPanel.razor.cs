using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using VmatTracker.Data.Queries;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Controls;

/// <summary>The compare page's OpenKBP panel: grouped bars per run with the leaderboard's winner and median as marks.</summary>
public sealed partial class OpenKbpScoresPanel
{
    private const string DoseCategory = "Dose score (Gy)";
    private const string DvhCategory = "DVH score (Gy)";
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private readonly Plotly.Blazor.Layout _layout = new() { Height = 340, BarMode = BarModeEnum.Group };
    private IReadOnlyList<OpenKbpRunScore> _scores = [];

    /// <summary>The runs, in table order.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<RunListItem> Runs { get; set; }

    /// <summary>Their latest evaluations, in table order (null: not evaluated).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<EvaluationView?> Evaluations { get; set; }

    /// <inheritdoc />
    protected override void OnParametersSet() => _scores = OpenKbpLeaderboard.Scores(Runs, Evaluations);

    private List<ITrace> Traces()
    {
        var traces = new List<ITrace>();
        foreach (var score in _scores)
        {
            traces.Add(new Bar
            {
                Name = $"{score.Run.Name} (#{score.Run.Id})",
                X = [DoseCategory, DvhCategory],
                Y = [score.DoseScore, score.DvhScore],
            });
        }

        // Horizontal marks across each category: the published values, not bars, so they read as reference lines.
        traces.Add(Reference("OpenKBP winner", OpenKbpLeaderboard.WinnerDoseScore, OpenKbpLeaderboard.WinnerDvhScore, "#2e7d32"));
        traces.Add(Reference("OpenKBP median of 28 teams", OpenKbpLeaderboard.MedianDoseScore, OpenKbpLeaderboard.MedianDvhScore, "#ef6c00"));
        return traces;
    }

    private static Scatter Reference(string name, double dose, double dvh, string colour) => new()
    {
        Name = name,
        Mode = ModeFlag.Markers,
        X = [DoseCategory, DvhCategory],
        Y = [dose, dvh],
        Marker = new Marker { Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.LineEw, Size = 60, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Width = 3, Color = colour }, Color = colour },
    };
}
