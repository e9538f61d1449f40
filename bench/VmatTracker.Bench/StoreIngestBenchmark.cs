using System.Globalization;
using Microsoft.Data.Sqlite;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Bench;

/// <summary>
/// Metric ingestion through <see cref="RunRecorder.AppendMetricsAsync"/> into a fresh SQLite file: --points N
/// (default 500,000) in batches of --batch B (default 1,000; a trainer flushes about one batch per epoch), by
/// --writers W concurrent runs (default 1). Target: at least 50,000 points/s.
/// </summary>
internal static class StoreIngestBenchmark
{
    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args, new HashSet<string> { "--points", "--batch", "--writers" }, new HashSet<string>());
        if (options is null)
        {
            return 2;
        }

        var points = options.Int("--points", 500_000);
        var batch = options.Int("--batch", 1_000);
        var writers = options.Int("--writers", 1);
        var folder = Directory.CreateTempSubdirectory("vmat-ingest-");
        try
        {
            return RunAsync(Path.Combine(folder.FullName, "ingest.db"), points, batch, writers).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string path, int points, int batch, int writers)
    {
        var contexts = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = path });
        await TrackerStore.MigrateAsync(contexts, CancellationToken.None);
        var recorder = new RunRecorder(contexts, new SilentRunEvents(), TimeProvider.System);
        string[] keys = ["train/loss_step", "train/loss_epoch", "train/mse_loss", "val/loss", "val/mae_gy",
            "val/gamma_3mm3pct", "val/mae_gy_ptv70", "val/mae_gy_oar", "lr-AdamW", "train/grad_loss"];

        async Task WriteAsync(long runId, int count)
        {
            for (var start = 0; start < count; start += batch)
            {
                var size = Math.Min(batch, count - start);
                var values = new List<MetricValue>(size);
                for (var i = 0; i < size; i++)
                {
                    var n = start + i;
                    values.Add(new MetricValue(keys[n % keys.Length], n / keys.Length, n / (keys.Length * 100), Math.Sin(n) + 2));
                }

                await recorder.AppendMetricsAsync(runId, values, CancellationToken.None);
            }
        }

        var runIds = new List<long>();
        for (var w = 0; w < writers; w++)
        {
            runIds.Add(await recorder.CreateRunAsync(new NewRun { Experiment = "ingest", Name = $"writer {w}" }, CancellationToken.None));
        }

        await WriteAsync(runIds[0], Math.Min(points, 5 * batch)); // warm-up: JIT, page cache, prepared statements
        var (wall, cpu) = await Machine.MeasureAsync(
            () => Task.WhenAll(runIds.Select(id => Task.Run(() => WriteAsync(id, points / writers)))));
        var total = points / writers * writers;
        var rate = total / wall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store-ingest: {total:N0} points, batch {batch}, {writers} writer(s): {wall:0.00} s wall, {cpu:0.00} s CPU; {rate:N0} points/s by wall time, {total / cpu:N0} per CPU second (target >= 50,000/s) {(rate >= 50_000 ? "PASS" : "FAIL")}"));
        return 0;
    }
}
