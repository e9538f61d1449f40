using ScottPlot;

namespace VmatTracker.Reports.Figures;

/// <summary>The report's look: the Wong colour-blind palette the reference's figure style names, and shared sizes.</summary>
internal static class FigureStyle
{
    // Wong (2011) without its black, which is kept for ground truth.
    private static readonly Color[] s_palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#D55E00"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#F0E442"),
    ];

    public static Color Truth { get; } = Color.FromHex("#000000");

    public const int PanelWidth = 520;

    public const int PanelHeight = 420;

    public static Color Run(int index) => s_palette[index % s_palette.Length];

    /// <summary>Puts text labels under whole-number positions.</summary>
    public static void Categories(Plot plot, IReadOnlyList<string> labels, double[] positions)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. labels]);
        // About 7 px a character: tilt the labels only when they would run into each other.
        if (labels.Count * labels.Max(l => l.Length) * 7 > PanelWidth - 80)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 20 + (6 * labels.Max(l => l.Length));
        }

        plot.Grid.XAxisStyle.IsVisible = false;
    }

    /// <summary>Bars grow from zero, so zero is always on the value axis, with some room above and below.</summary>
    public static void BarLimits(Plot plot, IEnumerable<double> tops)
    {
        var values = tops.Append(0).ToList();
        var (low, high) = (values.Min(), values.Max());
        var pad = Math.Max(high - low, 1e-9) * 0.08;
        plot.Axes.SetLimitsY(low < 0 ? low - pad : 0, high > 0 ? high + pad : pad);
    }

    /// <summary>Saves panels side by side as one PNG.</summary>
    public static void Save(IReadOnlyList<Plot> panels, string path)
    {
        // The constructor's plot is the first subplot; an empty constructor would add a blank one of its own.
        var multiplot = new Multiplot(panels[0]);
        foreach (var panel in panels.Skip(1))
        {
            multiplot.AddPlot(panel);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(1, panels.Count);
        multiplot.SavePng(path, PanelWidth * panels.Count, PanelHeight);
    }
}
