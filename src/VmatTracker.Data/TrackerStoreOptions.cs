namespace VmatTracker.Data;

/// <summary>Which database the store uses. Bound from the <c>VmatTracker</c> configuration section.</summary>
public sealed class TrackerStoreOptions
{
    /// <summary>The only provider today; a PostgreSQL one can follow because queries are provider-neutral.</summary>
    public const string SqliteProvider = "Sqlite";

    /// <summary>The provider (default <c>Sqlite</c>).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite file; when empty, <see cref="TrackerDatabaseLocation.Resolve"/> decides (VMAT_DB, then
    /// the per-user default).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>How long a writer waits for another writer's lock before giving up (default 30 s).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
