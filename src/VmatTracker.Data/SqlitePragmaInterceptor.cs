using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VmatTracker.Data;

/// <summary>
/// Sets the per-connection SQLite settings on every open: a busy timeout, so a second writer waits for the lock
/// instead of failing at once, synchronous=NORMAL, which is safe under WAL (a power cut can lose the last
/// commits, never corrupt the file) and several times faster for the trainer's many small commits, and a 16 MB page
/// cache (SQLite's default is 2 MB): the run list's value indexes for 10,000 runs are about 5 MB, and a pooled
/// connection keeps its cache between queries under WAL, so repeated list queries read no pages from the file.
/// </summary>
internal sealed class SqlitePragmaInterceptor(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string _pragmas = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
