using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

public sealed class TrackerStoreTests
{
    [Fact]
    public async Task MigrateAsync_NewFile_CreatesWalDatabaseWithEveryTable()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        await using var context = store.NewContext();
        var journal = await context.Database.SqlQueryRaw<string>("PRAGMA journal_mode;").ToListAsync(TestContext.Current.CancellationToken);
        var tables = await context.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
            .ToListAsync(TestContext.Current.CancellationToken);
        var pending = await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("wal", Assert.Single(journal));
        Assert.Empty(pending);
        foreach (var table in new[] { "Experiments", "Runs", "RunParameters", "RunTags", "Provenances", "DatasetRefs",
                     "MetricPoints", "MetricSummaries", "Checkpoints", "Evaluations", "EvaluationValues", "Artifacts" })
        {
            Assert.Contains(table, tables);
        }
    }

    [Fact]
    public async Task MigrateAsync_Twice_KeepsData()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var runId = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, TestContext.Current.CancellationToken);

        // Act
        await TrackerStore.MigrateAsync(TrackerStore.CreateFactory(store.Options), TestContext.Current.CancellationToken);

        // Assert
        await using var context = store.NewContext();
        Assert.True(await context.Runs.AnyAsync(r => r.Id == runId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Connection_Opened_HasBusyTimeoutSet()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        await using var context = store.NewContext();

        // Act
        var timeout = await context.Database.SqlQueryRaw<long>("PRAGMA busy_timeout;").ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(30_000, Assert.Single(timeout));
    }

    [Fact]
    public async Task Connection_Opened_HasA16MegabytePageCache()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        await using var context = store.NewContext();

        // Act
        var cache = await context.Database.SqlQueryRaw<long>("PRAGMA cache_size;").ToListAsync(TestContext.Current.CancellationToken);

        // Assert: negative means KiB.
        Assert.Equal(-16_384, Assert.Single(cache));
    }

    [Fact]
    public async Task MigrateAsync_NewFile_MatchesTheModelAndHasTheCoveringQueryIndexes()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        await using var context = store.NewContext();

        // Act
        var indexes = await context.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'index'")
            .ToListAsync(TestContext.Current.CancellationToken);

        // Assert: the checked-in migrations build exactly the model, including the (Key, value, RunId) indexes the
        // run list's filters and sorts read run IDs from.
        Assert.False(context.Database.HasPendingModelChanges());
        foreach (var index in new[] { "IX_RunParameters_Key_Number_RunId", "IX_RunParameters_Key_Text_RunId", "IX_RunTags_Key_Value_RunId",
                     "IX_MetricSummaries_Key_Min_RunId", "IX_MetricSummaries_Key_Max_RunId", "IX_MetricSummaries_Key_Last_RunId" })
        {
            Assert.Contains(index, indexes);
        }

        Assert.DoesNotContain("IX_MetricSummaries_Key_Min", indexes);
    }

    [Fact]
    public void Configure_UnknownProvider_Throws()
    {
        // Arrange
        var options = new TrackerStoreOptions { Provider = "Oracle", DatabasePath = "x.db" };

        // Act
        var error = Assert.Throws<NotSupportedException>(() => TrackerStore.CreateFactory(options));

        // Assert
        Assert.Contains("Oracle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_ExplicitPath_IsTheSqliteDataSource()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), "somewhere", "x.db");

        // Act
        using var context = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = path }).CreateDbContext();

        // Assert
        Assert.Equal(path, new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource);
    }

    [Fact]
    public void BuildSourceInfo_BuiltFromThisSource_MatchesWhetherItIsAGitCheckout()
    {
        // Arrange: the tests are built from the same source as the store, so both see the same checkout (or none).
        var checkoutCommit = ProvenanceInfo.GitCommitOf(AppContext.BaseDirectory);

        // Act
        var info = BuildSourceInfo.Current;

        // Assert
        if (checkoutCommit is null)
        {
            Assert.Null(info.Commit);
            return;
        }

        Assert.Matches("^[0-9a-f]{40}$", info.Commit);
        Assert.NotNull(info.Dirty);
        Assert.False(string.IsNullOrEmpty(info.Branch));
    }
}
