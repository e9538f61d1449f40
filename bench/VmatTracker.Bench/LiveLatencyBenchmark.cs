using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Bench;

/// <summary>
/// The dashboard's live path, measured end to end on the real server (Kestrel) and Debian's Chromium: (1) --watchers W
/// (5) browsers on one run's page while --epochs E (40) epoch events arrive every --interval-ms (400) through
/// RunRecorder, the call the trainer's recording observer makes; each latency runs from just before that call to the
/// moment the browser's chart holds the new point (a 4 ms poll of the Plotly graph's data, so the figure includes up
/// to one poll and one frame); target p95 &lt; 500 ms. (2) The runs page over a generated store of --runs N (10,000):
/// from navigation to the page's rows drawn and its scripts run (it is rendered per request, its links and forms usable
/// as they arrive), with when each stage showed, including its live islands' circuit, and a filter round trip; target
/// &lt; 1 s; the Settings page (interactive, over a circuit) is timed as a peer. --only live-charts|runs-page runs one part.
/// </summary>
internal static class LiveLatencyBenchmark
{
    private const string WatchScript = """
        () => {
          window.__seen = [];
          let last = -1;
          setInterval(() => {
            const chart = document.getElementById('metric-chart');
            if (!chart || !chart.data) return;
            const n = chart.data.reduce((sum, trace) => sum + (trace.x ? trace.x.length : 0), 0);
            if (n !== last) { last = n; window.__seen.push([n, Date.now()]); }
          }, 4);
        }
        """;

    // Installed before a visit: when each stage first shows in the document, in ms since navigation start, on the
    // browser's own clock (the driver's round trips to Chromium, 0.2-0.4 s on this loaded 2-core machine, left out).
    private const string StageScript = """
        () => {
          window.__stages = {};
          const mark = (name, test) => { if (!(name in window.__stages) && test()) window.__stages[name] = performance.now(); };
          const poll = setInterval(() => {
            mark('html', () => document.querySelector('[data-testid=runs-table]'));
            mark('rows', () => document.querySelector('[data-testid=run-link]'));
            mark('ready', () => document.readyState !== 'loading');
            mark('islands', () => document.querySelector('[data-testid=runs-live]'));
            mark('pageReady', () => document.querySelector('[data-testid=page-ready]'));
            if (['html', 'rows', 'ready', 'islands', 'pageReady'].every(k => k in window.__stages)) clearInterval(poll);
          }, 4);
        }
        """;

    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args, new HashSet<string> { "--watchers", "--epochs", "--interval-ms", "--runs", "--only", "--store-dir" }, new HashSet<string>());
        if (options is null)
        {
            return 2;
        }

        var chromium = new[] { Environment.GetEnvironmentVariable("VMAT_CHROMIUM"), "/usr/bin/chromium" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Console.Error.WriteLine("live-latency needs Debian's chromium (apt-get install chromium, or set VMAT_CHROMIUM)");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("vmat-live-");
        try
        {
            Machine.Print();
            var only = options.Text("--only");
            if (only is not null and not ("live-charts" or "runs-page"))
            {
                Console.Error.WriteLine($"--only takes live-charts or runs-page, not '{only}'");
                return 2;
            }

            if (only is null or "live-charts")
            {
                LiveChartsAsync(chromium, folder.FullName, options).GetAwaiter().GetResult();
            }

            if (only is null or "runs-page")
            {
                var store = options.Text("--store-dir") ?? Path.Combine(folder.FullName, "runs-page");
                RunsPageAsync(chromium, store, options.Int("--runs", 10_000)).GetAwaiter().GetResult();
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task LiveChartsAsync(string chromium, string folder, BenchOptions options)
    {
        var watchers = options.Int("--watchers", 5);
        var epochs = options.Int("--epochs", 40);
        var interval = options.Int("--interval-ms", 400);
        using var server = new Server(Path.Combine(folder, "live"));
        var recorder = server.Services.GetRequiredService<RunRecorder>();
        var runId = await recorder.CreateRunAsync(new NewRun { Experiment = "bench", Name = "live" }, default);
        await recorder.StartAsync(runId, default);
        await recorder.AppendMetricsAsync(runId, [new MetricValue("val/mae_gy", 0, 0, 3.0), new MetricValue("val/gamma_3mm3pct", 0, 0, 20)], default);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var pages = new List<IPage>();
        for (var i = 0; i < watchers; i++)
        {
            // One context each: separate cookies and circuits, as separate people watching
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"runs/{runId}");
            await page.GetByTestId("page-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await page.WaitForFunctionAsync("() => document.getElementById('metric-chart')?.data?.length === 2");
            await page.EvaluateAsync(WatchScript);
            pages.Add(page);
        }

        var sentAt = new long[epochs + 1];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            sentAt[epoch] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await recorder.AppendMetricsAsync(runId,
                [new MetricValue("val/mae_gy", epoch, epoch, 3.0 / (1 + epoch)), new MetricValue("val/gamma_3mm3pct", epoch, epoch, 20 + epoch)], default);
            await Task.Delay(interval);
        }

        await Task.Delay(1000);
        var latencies = new List<double>();
        var missed = 0;
        foreach (var page in pages)
        {
            var seen = JsonSerializer.Deserialize<long[][]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__seen)"))!;
            for (var epoch = 1; epoch <= epochs; epoch++)
            {
                // Two traces of epoch 0's point each, then two points per epoch
                var drawn = seen.FirstOrDefault(s => s[0] >= 2 * (epoch + 1));
                if (drawn is null)
                {
                    missed++;
                    continue;
                }

                latencies.Add(drawn[1] - sentAt[epoch]);
            }
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live charts: {watchers} browsers x {epochs} epochs every {interval} ms: p50 {Percentile(latencies, 50):F0} ms, p95 {Percentile(latencies, 95):F0} ms, max {latencies.LastOrDefault():F0} ms, {missed} not drawn (target p95 < 500 ms)"));
    }

    // storeFolder: a temporary folder, or --store-dir's, which keeps the generated store for the next run (generating
    // 10,000 runs takes one to two minutes here).
    private static async Task RunsPageAsync(string chromium, string storeFolder, int runs)
    {
        Directory.CreateDirectory(storeFolder);
        using (var server = new Server(storeFolder))
        {
            // Let the server create and migrate the store, then fill it the way the store benchmarks do
            var contexts = server.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var existing = await db.Runs.CountAsync();
                if (existing == 0)
                {
                    var clock = Stopwatch.StartNew();
                    await StoreGenerator.GenerateAsync(contexts, runs, keys: 10, epochs: 50);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {runs:N0} runs in {clock.Elapsed.TotalSeconds:F0} s"));
                }
                else if (existing != runs)
                {
                    Console.Error.WriteLine($"{storeFolder} holds {existing} runs, not {runs}: use another --store-dir or delete it");
                    return;
                }
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright, chromium);
            // A new browser context per visit is a first-time visitor (nothing cached); one context visited again and
            // again is a returning user (scripts and styles cached, a new circuit each time).
            var cold = new List<Visit>();
            for (var repeat = 0; repeat < 6; repeat++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address });
                cold.Add(await VisitRunsPageAsync(context, runs));
                await context.CloseAsync();
            }

            // The peer, interleaved with the returning visits: the Settings page (same layout, no table, nothing read
            // from the store), which shows what any page of this app costs to go live on this machine.
            var returning = new List<Visit>();
            var floor = new List<(double InPage, double Driver)>();
            var kept = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address });
            for (var repeat = 0; repeat < 6; repeat++)
            {
                returning.Add(await VisitRunsPageAsync(kept, runs));
                floor.Add(await VisitUntilLiveAsync(kept, "settings"));
            }

            await kept.CloseAsync();

            // The first visit pays the server's and browser's warm-up; report it apart from the median of the rest
            Report("new browser profile each visit", cold);
            Report("returning visitor (browser cache kept)", returning.Skip(1).Prepend(cold[0]).ToList());
            var runsLive = Median(returning.Skip(1).Select(v => v.Interactive));
            var floorLive = Median(floor.Skip(1).Select(f => f.InPage));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  peer: the Settings page (interactive, over a circuit; no table) live in median {floorLive:F0} ms (driver {Median(floor.Skip(1).Select(f => f.Driver)):F0} ms), returning visitor; the runs page takes {runsLive / floorLive:F2}x that"));
        }

        void Report(string kind, List<Visit> visits)
        {
            var warm = visits.Skip(1).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runs page, {runs:N0} runs, {kind}: first visit usable in {visits[0].Interactive:F0} ms; then median {Median(warm.Select(t => t.Interactive)):F0} ms (max {warm.Max(t => t.Interactive):F0}; as the driver saw it, median {Median(warm.Select(t => t.Driver)):F0} ms); filter round trip median {Median(warm.Select(t => t.Filter)):F0} ms (target < 1000 ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  stages, median ms since navigation: HTML received {Median(warm.Select(s => s.Stages["response"])):F0}, table shown {Median(warm.Select(s => s.Stages["html"])):F0}, rows drawn {Median(warm.Select(s => s.Stages["rows"])):F0}, scripts run (DOMContentLoaded) {Median(warm.Select(s => s.Stages["ready"])):F0}, live islands' circuit {Median(warm.Select(s => s.Stages["islands"])):F0}"));
        }
    }

    // Interactive: on the browser's clock, when the rows were drawn and the scripts had run; Driver: the same moment as
    // the driver's stopwatch saw it (with its round trips).
    private sealed record Visit(double Interactive, double Driver, double Filter, Dictionary<string, double> Stages);

    private static async Task<Visit> VisitRunsPageAsync(IBrowserContext context, int runs)
    {
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync("(" + StageScript + ")()");
        var start = Stopwatch.StartNew();
        // The page is rendered per request (no circuit to wait for): it can be used once its rows are drawn and its
        // scripts have run (DOMContentLoaded: Blazor's enhanced navigation and form posts are then in place; links and
        // forms work even before that, as plain HTML).
        await page.GotoAsync("runs", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByTestId("run-link").First.WaitForAsync();
        var driver = start.Elapsed.TotalMilliseconds;

        await page.GetByTestId("runs-live").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var stages = JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>(
            "() => JSON.stringify({ ...window.__stages, response: performance.getEntriesByType('navigation')[0].responseEnd })"))!;
        var filter = Stopwatch.StartNew();
        await page.GetByTestId("filter-box").FillAsync("params.seed = 42 and metrics.\"val/mae_gy\".min < 3");
        await page.GetByTestId("apply-filter").ClickAsync();
        await page.WaitForFunctionAsync($"() => !document.querySelector('[data-testid=run-count]').textContent.startsWith('{runs:D}')");
        var filtered = filter.Elapsed.TotalMilliseconds;
        await page.CloseAsync();
        return new Visit(Math.Max(stages["rows"], stages["ready"]), driver, filtered, stages);
    }

    private static async Task<(double InPage, double Driver)> VisitUntilLiveAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync("(" + StageScript + ")()");
        var start = Stopwatch.StartNew();
        await page.GotoAsync(path);
        await page.GetByTestId("page-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var driver = start.Elapsed.TotalMilliseconds;
        var inPage = await page.EvaluateAsync<double>("() => window.__stages.pageReady");
        await page.CloseAsync();
        return (inPage, driver);
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, string chromium) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });

    private static double Percentile(List<double> sorted, double percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100 * sorted.Count) - 1)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    /// <summary>The real dashboard on Kestrel (127.0.0.1, free port) with its data and database in <c>folder</c>.
    /// Any type of the web assembly names the app to the factory; the bench's own top-level Program would shadow the
    /// web's.</summary>
    private sealed class Server : WebApplicationFactory<VmatTracker.Runs.Live.RunEvents>
    {
        private readonly string _folder;

        public Server(string folder)
        {
            // The factory looks for the web project's folder beside a solution file; the build output holds what the
            // server needs (appsettings, the static web assets manifest), so run from there.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VMATTRACKER_WEB", AppContext.BaseDirectory);
            _folder = folder;
            UseKestrel(0);
            StartServer();
        }

        public string Address => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("VmatTracker:DemoDataFolder", Path.Combine(_folder, "demo"));
            builder.UseSetting("VmatTracker:DatabasePath", Path.Combine(_folder, "tracker.db"));
            builder.UseSetting("VmatTracker:RunsFolder", Path.Combine(_folder, "runs"));
            builder.UseSetting("VmatTracker:DemoCases", "3");
            builder.UseSetting("VmatTracker:DemoShape", "32,32,32");
            builder.UseSetting("VmatTracker:DemoSpacingMm", "8,8,8");
            builder.UseEnvironment("Development");
        }
    }
}
