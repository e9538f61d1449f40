using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VmatTracker.Data;

namespace VmatTracker.Web.Services;

/// <summary>
/// Brings the tracking database up to the current schema before the server takes requests (hosted services start
/// before Kestrel listens), so no page ever sees an old schema and no page migrates. A database that cannot be opened
/// or migrated does not stop the server: the problem goes to <see cref="ServerHealth"/>, whose banner tells the user
/// what is wrong and how to fix it, and the pages that need the database say so instead of failing.
/// </summary>
public sealed partial class TrackerDatabaseMigrator(IDbContextFactory<TrackerDbContext> contexts, ServerHealth health,
    IOptions<HostOptions> hostOptions, ILogger<TrackerDatabaseMigrator> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? path = null;
        try
        {
            await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
            {
                path = context.Database.GetDbConnection().DataSource;
            }

            await TrackerStore.MigrateAsync(contexts, cancellationToken);
            LogMigrated(logger, path);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException
                                      or NotSupportedException or ArgumentException)
        {
            health.DatabaseFailed($"The tracking database {path} cannot be opened or brought up to date: {e.Message}");
            LogFailed(logger, e, path);

            // The training worker reads the store as it starts; with no store it fails, and by default a failed
            // background service stops the host. Keep the server up so the banner can explain.
            hostOptions.Value.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking database ready at {Path}")]
    private static partial void LogMigrated(ILogger logger, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking database {Path} cannot be used; the dashboard shows a banner and pages that need it are unavailable")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? path);
}
