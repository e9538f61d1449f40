using System.Globalization;

namespace VmatTracker.Engine.DataLoading;

/// <summary>The one reading of per-axis option text: "a,b,c" in (Y, X, Z) order, or one value for all three axes.</summary>
internal static class AxisValues
{
    /// <summary>Three positive finite numbers, or false.</summary>
    public static bool TryParse(string? text, out double[] values)
    {
        values = [];
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (1 or 3))
        {
            return false;
        }

        var parsed = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i])
                || !double.IsFinite(parsed[i]) || parsed[i] <= 0)
            {
                return false;
            }
        }

        values = parsed.Length == 1 ? [parsed[0], parsed[0], parsed[0]] : parsed;
        return true;
    }
}
