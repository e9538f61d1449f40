using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Queries;

namespace VmatTracker.Bench;

/// <summary>
/// Query times on a generated store of --runs N (default 10,000) x --keys K (10) x --epochs E (50), against the same
/// queries on --small-runs (100): the first run-list page, a filtered sorted page, a 50-run compare. Each wall figure
/// is the median of --repeat R (11) after one warm-up; CPU is this process's CPU time per query, the mean over the
/// R runs (the kernel counts CPU in 10 ms ticks, too coarse for one query). --db PATH keeps the big store for reuse
/// (generation is skipped when it already holds N runs). Targets: pages &lt; 300 ms, compare &lt; 1 s, big within 3x
/// of small. --filter EXPR and --sort KEY replace the filtered page's query (default: the issue's example filter,
/// sorted by metrics."val/mae_gy".min).
/// </summary>
internal static class StoreScaleBenchmark
{
    private const string DefaultFilter =
        "params.use_structure_weighted = true and metrics.\"val/mae_gy\".min < 3 and (params.seed = 42 or tags.site = \"prostate\")";

    private const string DefaultSort = "metrics.\"val/mae_gy\".min";

    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args,
            new HashSet<string> { "--runs", "--keys", "--epochs", "--small-runs", "--repeat", "--db", "--filter", "--sort" }, new HashSet<string>());
        if (options is null)
        {
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("vmat-scale-");
        try
        {
            return RunAsync(options, folder.FullName).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, string folder)
    {
        var runs = options.Int("--runs", 10_000);
        var keys = options.Int("--keys", 10);
        var epochs = options.Int("--epochs", 50);
        var smallRuns = options.Int("--small-runs", 100);
        var repeat = options.Int("--repeat", 11);
        Machine.Print();
        var big = await OpenAsync(options.Text("--db") ?? Path.Combine(folder, "big.db"), runs, keys, epochs);
        var small = await OpenAsync(Path.Combine(folder, "small.db"), smallRuns, keys, epochs);

        var filtered = new RunListQuery
        {
            Filter = options.Text("--filter") ?? DefaultFilter,
            Sort = options.Text("--sort") ?? DefaultSort,
            Take = 50,
        };
        Console.WriteLine($"filtered page: --filter '{filtered.Filter}' --sort '{filtered.Sort}'");
        var bigTimes = await TimeQueriesAsync(big, runs, filtered, repeat);
        var smallTimes = await TimeQueriesAsync(small, smallRuns, filtered, repeat);
        string[] names = ["first page (50, newest first)", "filtered sorted page (50)", "compare 50 runs (all keys)"];
        double[] targets = [300, 300, 1000];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"query",-32} {runs,8:N0} runs  {smallRuns,6:N0} runs  ratio  target                                  CPU ms per query (big / small)"));
        for (var i = 0; i < names.Length; i++)
        {
            var ratio = bigTimes[i].Ms / smallTimes[i].Ms;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[i],-32} {bigTimes[i].Ms,9:0.0} ms  {smallTimes[i].Ms,7:0.0} ms  {ratio,5:0.00}  < {targets[i]} ms: {(bigTimes[i].Ms < targets[i] ? "PASS" : "FAIL")}, within 3x: {(ratio <= 3 ? "PASS" : "FAIL")}  {bigTimes[i].CpuMs,6:0.0} / {smallTimes[i].CpuMs,5:0.0}  ({bigTimes[i].Rows} / {smallTimes[i].Rows} rows)"));
        }

        Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        return 0;
    }

    private static async Task<IDbContextFactory<TrackerDbContext>> OpenAsync(string path, int runs, int keys, int epochs)
    {
        var contexts = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = path });
        await TrackerStore.MigrateAsync(contexts, CancellationToken.None);
        await using var context = await contexts.CreateDbContextAsync();
        var existing = await context.Runs.CountAsync();
        if (existing == 0)
        {
            await StoreGenerator.GenerateAsync(contexts, runs, keys, epochs);
        }
        else if (existing != runs)
        {
            throw new InvalidOperationException($"{path} holds {existing} runs, not {runs}; use a new --db file.");
        }

        return contexts;
    }

    private static async Task<(double Ms, double CpuMs, int Rows)[]> TimeQueriesAsync(IDbContextFactory<TrackerDbContext> contexts, int runs,
        RunListQuery filtered, int repeat)
    {
        var queries = new RunQueries(contexts);
        var step = Math.Max(1, runs / 50);
        var compareIds = Enumerable.Range(0, 50).Select(i => (long)Math.Min(runs, 1 + (i * step))).Distinct().ToList();
        Func<Task<int>>[] work =
        [
            async () => (await queries.ListAsync(new RunListQuery { Take = 50 }, CancellationToken.None)).Runs.Count,
            async () => (await queries.ListAsync(filtered, CancellationToken.None)).Runs.Count,
            async () => (await queries.CompareAsync(compareIds, null, CancellationToken.None)).Series.Sum(s => s.Points.Count),
        ];
        var results = new (double Ms, double CpuMs, int Rows)[work.Length];
        for (var i = 0; i < work.Length; i++)
        {
            var rows = await work[i]();
            var times = new List<double>();
            var cpu = 0.0;
            for (var r = 0; r < repeat; r++)
            {
                var (wall, cpuSeconds) = await Machine.MeasureAsync(async () => rows = await work[i]());
                times.Add(wall * 1000);
                cpu += cpuSeconds * 1000;
            }

            times.Sort();
            results[i] = (times[times.Count / 2], cpu / repeat, rows);
        }

        return results;
    }
}
