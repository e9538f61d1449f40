using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Data;

/// <summary>A migrated SQLite file in a temp folder, with a recorder and queries over it.</summary>
public sealed class TestStore : IDisposable
{
    private readonly TempFolder _folder = new("vmat-store");

    private TestStore(IRunEvents? events)
    {
        Options = new TrackerStoreOptions { DatabasePath = _folder.File("tracker.db") };
        Contexts = TrackerStore.CreateFactory(Options);
        Events = events ?? new SilentRunEvents();
        Recorder = new RunRecorder(Contexts, Events, TimeProvider.System);
        Queries = new RunQueries(Contexts);
    }

    public TrackerStoreOptions Options { get; }

    public string DatabasePath => Options.DatabasePath!;

    public TempFolder Folder => _folder;

    public IDbContextFactory<TrackerDbContext> Contexts { get; }

    public IRunEvents Events { get; }

    public RunRecorder Recorder { get; }

    public RunQueries Queries { get; }

    public static async Task<TestStore> CreateAsync(IRunEvents? events = null)
    {
        var store = new TestStore(events);
        await TrackerStore.MigrateAsync(store.Contexts, TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>A second recorder with its own connection pool user, as a second process would have.</summary>
    public RunRecorder NewRecorder() => new(TrackerStore.CreateFactory(Options), new SilentRunEvents(), TimeProvider.System);

    public TrackerDbContext NewContext() => Contexts.CreateDbContext();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
