using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Infrastructure;

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

    [Fact]
    public async Task Server_DbFlag_CreatesAndMigratesThatFile()
    {
        // Arrange: nothing but --db names the database (no VmatTracker:DatabasePath setting), in a folder that does
        // not exist yet.
        using var folder = new TempFolder("vmat-web-db");
        var path = Path.Combine(folder.Path, "nested", "flag.db");
        using var factory = new DbFlagFactory(path, folder);

        // Act
        var address = factory.Address;
        var recorder = factory.Services.GetRequiredService<RunRecorder>();
        var runId = await recorder.CreateRunAsync(new NewRun { Experiment = "flag", Name = "r" }, TestContext.Current.CancellationToken);

        // Assert: the file exists, carries every migration, is in WAL mode and holds what the server wrote.
        Assert.NotNull(address);
        Assert.True(File.Exists(path), $"{path} was not created");
        await using var context = await factory.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(path, new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(context.Database.GetMigrations(), await ReadAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId"));
        Assert.Equal(["wal"], await ReadAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal([$"{runId}|r"], await ReadAsync(connection, "SELECT Id || '|' || Name FROM Runs"));
        SqliteConnection.ClearAllPools();
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    // The real server on a free Kestrel port, configured the way VmatAppFactory does it except for the database:
    // WebApplicationFactory hands host settings to Program as command-line arguments, so the "db" setting arrives as
    // "--db=PATH", which Program must map onto the store's path.
    private sealed class DbFlagFactory : WebApplicationFactory<Program>
    {
        private readonly string _databasePath;
        private readonly TempFolder _folder;

        public DbFlagFactory(string databasePath, TempFolder folder)
        {
            _databasePath = databasePath;
            _folder = folder;
            UseKestrel(0);
        }

        public Uri Address
        {
            get
            {
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
                return new Uri(addresses.Addresses.First());
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("db", _databasePath);
            builder.UseSetting("VmatTracker:DemoDataFolder", _folder.File("demo"));
            builder.UseSetting("VmatTracker:DemoCases", "3");
            builder.UseSetting("VmatTracker:DemoShape", "32,32,32");
            builder.UseSetting("VmatTracker:DemoSpacingMm", "8,8,8");
            builder.UseEnvironment("Development");
        }
    }
}
