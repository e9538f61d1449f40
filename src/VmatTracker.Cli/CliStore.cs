using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;

namespace VmatTracker.Cli;

/// <summary>The store as every store command opens it: <c>--db PATH</c>, else VMAT_DB, else the per-user default.</summary>
public static class CliStore
{
    /// <summary>The <c>--db</c> option every store command takes.</summary>
    public static Option<string?> DbOption() => new("--db")
    {
        Description = "The SQLite tracking database (default: $VMAT_DB, else ~/.local/share/VmatTracker/vmattracker.db).",
    };

    /// <summary>Opens (creating or migrating when needed) the store at <paramref name="path"/>.</summary>
    public static async Task<IDbContextFactory<TrackerDbContext>> OpenAsync(string? path, CancellationToken cancellationToken)
    {
        var contexts = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = TrackerDatabaseLocation.Resolve(path) });
        await TrackerStore.MigrateAsync(contexts, cancellationToken).ConfigureAwait(false);
        return contexts;
    }
}
