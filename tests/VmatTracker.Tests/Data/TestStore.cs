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

    private static readonly SemaphoreSlim s_templateLock = new(1, 1);
    private static TempFolder? s_templateFolder;

    public static async Task<TestStore> CreateAsync(IRunEvents? events = null)
    {
        var store = new TestStore(events);
        File.Copy(await TemplateAsync(), store.DatabasePath);

        // A no-op on the copy (already current), but it runs the real start-up path: migrate and set WAL.
        await TrackerStore.MigrateAsync(store.Contexts, TestContext.Current.CancellationToken);
        return store;
    }

    // Applying every migration takes a few hundred ms on a busy machine; do it once per test process and copy the
    // file. The template leaves WAL (rollback journal: every commit is in the main file), so a plain copy is a
    // complete database, and each copy's own MigrateAsync switches it back to WAL as start-up does.
    private static async Task<string> TemplateAsync()
    {
        await s_templateLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (s_templateFolder is null)
            {
                var folder = new TempFolder("vmat-store-template");
                var options = new TrackerStoreOptions { DatabasePath = folder.File("template.db") };
                var contexts = TrackerStore.CreateFactory(options);
                await TrackerStore.MigrateAsync(contexts, TestContext.Current.CancellationToken);
                await using (var context = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
                {
                    await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = DELETE;", TestContext.Current.CancellationToken);
                }

                s_templateFolder = folder;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
            }

            return s_templateFolder.File("template.db");
        }
        finally
        {
            s_templateLock.Release();
        }
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
