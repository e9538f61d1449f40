namespace VmatTracker.Runs.Configuration;

/// <summary>The server's settings, bound from the "VmatTracker" section (appsettings.json, environment
/// variables such as VmatTracker__DataRoot, or --VmatTracker:DataRoot=... on the command line).</summary>
public sealed class VmatTrackerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "VmatTracker";

    /// <summary>Folder of NPZ cases to work on. Empty: generate and use the synthetic demo dataset.</summary>
    public string? DataRoot { get; set; }

    /// <summary>SQLite database file. Empty: VMAT_DB, else vmattracker.db in the per-user data folder.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Where the demo phantoms go. Empty: demo-phantoms in the per-user data folder.</summary>
    public string? DemoDataFolder { get; set; }

    /// <summary>How many demo phantom cases to generate. Defaults to 24 (the seed experiment had 23).</summary>
    public int DemoCases { get; set; } = 24;

    /// <summary>Seed of the demo dataset. Defaults to 42.</summary>
    public int DemoSeed { get; set; } = 42;

    /// <summary>Demo case shape, Y,X,Z. Defaults to 64,64,48.</summary>
    public string DemoShape { get; set; } = "64,64,48";

    /// <summary>Demo voxel spacing in mm, Y,X,Z. Defaults to 4,4,4.</summary>
    public string DemoSpacingMm { get; set; } = "4,4,4";

    /// <summary>How many runs train at the same time. Defaults to 1 (a run uses every core or the whole GPU).</summary>
    public int TrainingConcurrency { get; set; } = 1;

    /// <summary>Parent folder of the run folders the server trains into. Empty: runs in the per-user data folder.</summary>
    public string? RunsFolder { get; set; }

    /// <summary>
    /// At start-up, a run still Running whose last heartbeat is older than this is marked Interrupted; a fresher one is
    /// left alone (a <c>vmat train</c> on the same database, or one recording through the ingest API, owns it).
    /// Defaults to 10 minutes: the trainer heartbeats at least every 10 s while training, but not during a validation
    /// pass, which can take minutes on a CPU.
    /// </summary>
    public TimeSpan StaleRunAfter { get; set; } = TimeSpan.FromMinutes(10);
}
