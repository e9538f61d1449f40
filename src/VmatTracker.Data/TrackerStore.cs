using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace VmatTracker.Data;

/// <summary>Configures contexts for a store and brings a database up to the current schema.</summary>
public static class TrackerStore
{
    /// <summary>Points <paramref name="builder"/> at the store <paramref name="options"/> name.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, TrackerStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(options.Provider, TrackerStoreOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException(
                $"Database provider '{options.Provider}' is not available; use '{TrackerStoreOptions.SqliteProvider}'.");
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = TrackerDatabaseLocation.Resolve(options.DatabasePath),
            // Microsoft.Data.Sqlite retries a busy database until the command timeout; keep both in step.
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
            Pooling = true,
        }.ToString();
        return builder.UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(options.BusyTimeout));
    }

    /// <summary>
    /// Creates the database folder, applies pending migrations and switches the file to WAL (persistent), so
    /// readers never block the writer. Safe to call from several processes: EF 10 takes a migration lock.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<TrackerDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            if (context.Database.GetDbConnection().DataSource is { Length: > 0 } file
                && Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (context.Database.IsSqlite())
            {
                await context.Database.SqlQueryRaw<string>("PRAGMA journal_mode = WAL;")
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A context factory for one store, for code without dependency injection (the CLI, benchmarks).</summary>
    public static IDbContextFactory<TrackerDbContext> CreateFactory(TrackerStoreOptions options)
    {
        var builder = new DbContextOptionsBuilder<TrackerDbContext>();
        Configure(builder, options);
        return new StandaloneContextFactory(builder.Options);
    }

    private sealed class StandaloneContextFactory(DbContextOptions<TrackerDbContext> options)
        : IDbContextFactory<TrackerDbContext>
    {
        public TrackerDbContext CreateDbContext() => new(options);
    }
}
