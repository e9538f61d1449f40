using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;

namespace VmatTracker.Web.Services;

/// <summary>
/// Brings the tracking database up to the current schema before the server takes requests (hosted services start
/// before Kestrel listens), so no page ever sees an old schema and no page migrates.
/// </summary>
public sealed partial class TrackerDatabaseMigrator(IDbContextFactory<TrackerDbContext> contexts,
    ILogger<TrackerDatabaseMigrator> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await TrackerStore.MigrateAsync(contexts, cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var path = context.Database.GetDbConnection().DataSource;
        LogMigrated(logger, path);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking database ready at {Path}")]
    private static partial void LogMigrated(ILogger logger, string path);
}
