namespace VmatTracker.Data;

/// <summary>
/// Where the tracking database lives. In order: an explicit path (<c>--db PATH</c> or configuration), the
/// environment variable <c>VMAT_DB</c>, then <c>vmattracker.db</c> in the per-user data folder
/// (~/.local/share/VmatTracker on Linux, %LOCALAPPDATA%\VmatTracker on Windows).
/// </summary>
public static class TrackerDatabaseLocation
{
    /// <summary>The environment variable that names the SQLite file.</summary>
    public const string EnvironmentVariable = "VMAT_DB";

    /// <summary>The per-user folder VmatTracker keeps its database and demo data in.</summary>
    public static string UserDataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.DoNotVerify), "VmatTracker");

    /// <summary>The default database file when nothing names one.</summary>
    public static string DefaultPath => Path.Combine(UserDataFolder, "vmattracker.db");

    /// <summary>Resolves the database path: <paramref name="explicitPath"/>, else VMAT_DB, else the default.</summary>
    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultPath : Path.GetFullPath(fromEnvironment);
    }
}
