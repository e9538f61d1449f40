using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Configuration;
using VmatTracker.Web.Configuration;
using VmatTracker.Web.Services;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// The server's settings as it uses them (paths resolved), each with the configuration source that set it
/// (<see cref="SettingSource"/>) or "default".
/// </summary>
public sealed partial class Settings
{
    private IReadOnlyList<SettingRow> _rows = [];

    /// <summary>The raw configuration (to tell sources apart).</summary>
    [Inject]
    public required IConfiguration Configuration { get; init; }

    /// <summary>The bound settings.</summary>
    [Inject]
    public required IOptions<VmatTrackerOptions> Options { get; init; }

    /// <summary>The device training uses.</summary>
    [Inject]
    public required ComputeDevice Device { get; init; }

    /// <summary>The addresses the server listens on.</summary>
    [Inject]
    public required ServerHealth Health { get; init; }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        var options = Options.Value;
        var section = VmatTrackerOptions.SectionName + ":";
        var rows = new List<SettingRow>
        {
            Row("Data root", section + nameof(VmatTrackerOptions.DataRoot),
                string.IsNullOrWhiteSpace(options.DataRoot) ? "none: the demo dataset is used" : Path.GetFullPath(options.DataRoot)),
            Row("Demo dataset folder", section + nameof(VmatTrackerOptions.DemoDataFolder), DataRoots.DemoFolder(options)),
            Row("Runs folder", section + nameof(VmatTrackerOptions.RunsFolder), DataRoots.RunsFolder(options)),
            DatabaseRow(options),
            Row("Training concurrency (runs at once)", section + nameof(VmatTrackerOptions.TrainingConcurrency),
                Math.Max(1, options.TrainingConcurrency).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Training threads (libtorch CPU threads)", "OMP_NUM_THREADS",
                Device.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Environment.GetEnvironmentVariable("OMP_NUM_THREADS"),
                Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is { Length: > 0 } ? "environment variable OMP_NUM_THREADS" : "libtorch default (the machine's cores)"),
            new("Compute device", "(detected)", Device.ToString(), null, "detected at start-up: CUDA when libtorch sees a GPU, else CPU"),
            ListenRow(),
        };
        _rows = rows;
    }

    private SettingRow Row(string title, string key, string effective)
    {
        var (value, source) = SettingSource.Find(Configuration, key);
        return new SettingRow(title, key, effective, value, source);
    }

    private SettingRow DatabaseRow(VmatTrackerOptions options)
    {
        var key = VmatTrackerOptions.SectionName + ":" + nameof(VmatTrackerOptions.DatabasePath);
        var (value, source) = SettingSource.Find(Configuration, key);
        var resolved = TrackerDatabaseLocation.Resolve(options.DatabasePath);
        if (value is null && Environment.GetEnvironmentVariable(TrackerDatabaseLocation.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            (value, source) = (fromEnvironment, $"environment variable {TrackerDatabaseLocation.EnvironmentVariable}");
        }
        else if (source == "command line")
        {
            source = "command line (--db or --VmatTracker:DatabasePath)";
        }

        return new SettingRow("Database file", key, resolved, value, source);
    }

    private SettingRow ListenRow()
    {
        var (value, source) = SettingSource.Find(Configuration, "urls");
        if (value is null)
        {
            (value, source) = SettingSource.Find(Configuration, "http_ports");
        }

        var listening = Health.ListenAddresses.Count == 0 ? "not listening yet" : string.Join(", ", Health.ListenAddresses);
        return new SettingRow("Listen addresses", "urls", listening, value,
            value is null ? "Kestrel's default (http://localhost:5000) or the endpoints the host configured" : source);
    }

    private sealed record SettingRow(string Title, string Key, string Effective, string? Configured, string Source);
}
