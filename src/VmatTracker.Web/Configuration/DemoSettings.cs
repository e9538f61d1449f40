using VmatTracker.Engine.DataLoading;
using VmatTracker.Runs.Configuration;

namespace VmatTracker.Web.Configuration;

/// <summary>Reads the demo dataset's shape and spacing settings ("64,64,48", "4,4,4") with the Engine's parser.</summary>
public static class DemoSettings
{
    /// <summary>A shape in Y,X,Z order; one number means a cube.</summary>
    public static VolumeShape ParseShape(string text) => VolumeShape.TryParse(text, out var shape)
        ? shape
        : throw new FormatException(
            $"VmatTracker:{nameof(VmatTrackerOptions.DemoShape)} must be three positive whole numbers Y,X,Z, not '{text}'");

    /// <summary>A spacing in mm, Y,X,Z order; one number means isotropic.</summary>
    public static VoxelSpacing ParseSpacing(string text) => VoxelSpacing.TryParse(text, out var spacing)
        ? spacing
        : throw new FormatException(
            $"VmatTracker:{nameof(VmatTrackerOptions.DemoSpacingMm)} must be three positive numbers Y,X,Z, not '{text}'");
}
