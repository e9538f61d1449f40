using System.Globalization;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Web.Configuration;

/// <summary>Parses the demo dataset's shape and spacing settings ("64,64,48", "4,4,4").</summary>
public static class DemoSettings
{
    /// <summary>A shape in Y,X,Z order; one number means a cube.</summary>
    public static VolumeShape ParseShape(string text)
    {
        var values = Parse(text, nameof(VmatTrackerOptions.DemoShape));
        return new VolumeShape((int)values[0], (int)values[1], (int)values[2]);
    }

    /// <summary>A spacing in mm, Y,X,Z order; one number means isotropic.</summary>
    public static VoxelSpacing ParseSpacing(string text)
    {
        var values = Parse(text, nameof(VmatTrackerOptions.DemoSpacingMm));
        return new VoxelSpacing(values[0], values[1], values[2]);
    }

    private static double[] Parse(string text, string setting)
    {
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || values[i] <= 0)
            {
                throw new FormatException($"VmatTracker:{setting} must be three positive numbers Y,X,Z, not '{text}'");
            }
        }

        return values.Length switch
        {
            1 => [values[0], values[0], values[0]],
            3 => values,
            _ => throw new FormatException($"VmatTracker:{setting} must be three positive numbers Y,X,Z, not '{text}'"),
        };
    }
}
