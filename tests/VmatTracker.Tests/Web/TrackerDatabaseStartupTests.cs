using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Web;

public sealed class TrackerDatabaseStartupTests
{
    [Fact]
    public async Task Server_Start_MigratesTheConfiguredDatabaseAndRegistersTheRecorder()
    {
        // Arrange
        using var factory = new VmatAppFactory();

        // Act
        _ = factory.Address;
        var recorder = factory.Services.GetRequiredService<RunRecorder>();
        var runId = await recorder.CreateRunAsync(new NewRun { Experiment = "web", Name = "r" }, TestContext.Current.CancellationToken);

        // Assert
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        await using var context = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(factory.Folder.File("tracker.db"), new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource);
        Assert.True(await context.Runs.AnyAsync(r => r.Id == runId, TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
    }
}
