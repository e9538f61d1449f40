using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace VmatTracker.Web.ViewModels.Slices;

/// <summary>
/// Plotly heatmaps of one plane: pixel centres in mm (so the picture keeps the patient's proportions when the axes
/// share a scale), row 0 at the top. Missing values are sent as null, which Plotly leaves transparent, so a dose wash
/// below its threshold or an excluded gamma point shows the CT underneath.
/// </summary>
public static class SliceHeatmaps
{
    /// <summary>Dose below this fraction of the case's maximum is not washed over the CT (as the gamma cutoff).</summary>
    public const double WashThreshold = 0.10;

    /// <summary>Gamma above 1 fails; the scale runs to the search limit of 2.</summary>
    private static readonly object s_gammaScale = new object[]
    {
        new object[] { 0.0, "#1a9850" }, new object[] { 0.499, "#d9ef8b" },
        new object[] { 0.5, "#f46d43" }, new object[] { 1.0, "#67001f" },
    };

    /// <summary>The CT in grey (-1000 HU black, +1000 HU white).</summary>
    public static HeatMap Ct(PlaneGeometry plane, float[] huValues)
    {
        var map = Build(plane, huValues, 0, v => v);
        map.Name = "CT";
        map.ColorScale = "Greys";
        map.ReverseScale = true;
        map.ZMin = -1000;
        map.ZMax = 1000;
        map.ShowScale = false;
        map.HoverInfo = Plotly.Blazor.Traces.HeatMapLib.HoverInfoFlag.Skip;
        return map;
    }

    /// <summary>A dose in Gy washed over the CT: transparent below <see cref="WashThreshold"/> of <paramref name="maxGy"/>.</summary>
    public static HeatMap DoseWash(PlaneGeometry plane, float[] gy, double maxGy, string name)
    {
        var map = Build(plane, gy, 1, v => v >= WashThreshold * maxGy ? v : null);
        map.Name = name;
        map.ColorScale = "Jet";
        map.Opacity = 0.55m;
        map.ZMin = 0;
        map.ZMax = (decimal)Math.Max(maxGy, 1e-6);
        map.HoverTemplate = "%{z} Gy<extra></extra>";
        return map;
    }

    /// <summary>Prediction minus truth in Gy, blue (colder) to red (hotter), white at 0, symmetric about 0.</summary>
    public static HeatMap Difference(PlaneGeometry plane, float[] predictionGy, float[] truthGy)
    {
        ArgumentNullException.ThrowIfNull(predictionGy);
        ArgumentNullException.ThrowIfNull(truthGy);
        var difference = predictionGy.Zip(truthGy, (p, t) => p - t).ToArray();
        var reach = Math.Max(1.0, difference.Select(Math.Abs).DefaultIfEmpty(0).Max());
        var map = Build(plane, difference, 2, v => v);
        map.Name = "prediction − truth";
        // Plotly's RdBu runs blue (low) to red (high), the reverse of matplotlib's.
        map.ColorScale = "RdBu";
        map.ZMid = 0;
        map.ZMin = (decimal)-reach;
        map.ZMax = (decimal)reach;
        map.HoverTemplate = "%{z} Gy<extra></extra>";
        return map;
    }

    /// <summary>Gamma values (NaN excluded) over the CT: green passing, red failing (above 1).</summary>
    public static HeatMap Gamma(PlaneGeometry plane, double[] gamma)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        var map = Build(plane, [.. gamma.Select(g => (float)g)], 2, v => v);
        map.Name = "gamma";
        map.ColorScale = s_gammaScale;
        map.ZMin = 0;
        map.ZMax = 2;
        map.HoverTemplate = "γ %{z}<extra></extra>";
        return map;
    }

    /// <summary>A layout whose axes are in mm with one mm the same length on both, row 0 at the top.</summary>
    public static Layout Layout(string title) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.Title { Text = title },
        Height = 340,
        Margin = new Plotly.Blazor.LayoutLib.Margin { L = 40, R = 10, T = 40, B = 30 },
        XAxis = [new Plotly.Blazor.LayoutLib.XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "mm" }, Constrain = Plotly.Blazor.LayoutLib.XAxisLib.ConstrainEnum.Domain }],
        YAxis = [new Plotly.Blazor.LayoutLib.YAxis
        {
            AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,
            ScaleAnchor = "x",
            ScaleRatio = 1,
            Constrain = Plotly.Blazor.LayoutLib.YAxisLib.ConstrainEnum.Domain,
        }],
    };

    /// <summary>The heatmap's rows (top first), each value rounded to <paramref name="digits"/> and passed through
    /// <paramref name="keep"/> (null hides the pixel).</summary>
    private static HeatMap Build(PlaneGeometry plane, float[] values, int digits, Func<double, double?> keep)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(values);
        var rows = new List<object>(plane.Rows);
        for (var r = 0; r < plane.Rows; r++)
        {
            var row = new double?[plane.Columns];
            for (var c = 0; c < plane.Columns; c++)
            {
                var v = (double)values[(r * plane.Columns) + c];
                row[c] = double.IsFinite(v) && keep(v) is { } kept ? Math.Round(kept, digits) : null;
            }

            rows.Add(row);
        }

        return new HeatMap
        {
            Z = rows,
            X = [.. Enumerable.Range(0, plane.Columns).Select(c => (object)Math.Round(c * plane.ColumnSpacingMm, 3))],
            Y = [.. Enumerable.Range(0, plane.Rows).Select(r => (object)Math.Round(r * plane.RowSpacingMm, 3))],
        };
    }
}
