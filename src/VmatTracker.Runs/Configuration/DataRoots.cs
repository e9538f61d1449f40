using VmatTracker.Data;

namespace VmatTracker.Runs.Configuration;

/// <summary>The folders the server may train on (the configured data root and the demo folder) and where runs go.</summary>
public static class DataRoots
{
    /// <summary>The demo dataset's folder.</summary>
    public static string DemoFolder(VmatTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DemoDataFolder is { Length: > 0 } demo
            ? Path.GetFullPath(demo)
            : Path.Combine(TrackerDatabaseLocation.UserDataFolder, "demo-phantoms");
    }

    /// <summary>The data roots, full paths: the configured one (when set) first, then the demo folder.</summary>
    public static IReadOnlyList<string> All(VmatTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var demo = DemoFolder(options);
        return string.IsNullOrWhiteSpace(options.DataRoot) ? [demo] : [Path.GetFullPath(options.DataRoot), demo];
    }

    /// <summary>True when <paramref name="folder"/> is a data root or inside one.</summary>
    public static bool Allows(VmatTrackerOptions options, string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return false;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return All(options).Select(Path.TrimEndingDirectorySeparator).Any(root =>
            string.Equals(full, root, StringComparison.Ordinal)
            || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>Where the server's run folders go.</summary>
    public static string RunsFolder(VmatTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RunsFolder is { Length: > 0 } runs
            ? Path.GetFullPath(runs)
            : Path.Combine(TrackerDatabaseLocation.UserDataFolder, "runs");
    }
}
