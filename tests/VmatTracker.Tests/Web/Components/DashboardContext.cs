using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Live;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Tests.Data;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.Services;
using VmatTracker.Web.Services.Reports;

namespace VmatTracker.Tests.Web.Components;

/// <summary>
/// bUnit context for the dashboard's pages over a real, migrated SQLite store whose recorder publishes through the
/// real <see cref="RunEvents"/>. MudBlazor's and Plotly's JS calls are answered loosely (no browser here).
/// </summary>
public abstract class DashboardContext : BunitContext, IAsyncLifetime
{
    private readonly TempFolder _data;
    private TestStore? _store;

    protected DashboardContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        _data = new TempFolder("vmat-data-root");
        Settings = new VmatTrackerOptions { DemoDataFolder = _data.Path, RunsFolder = _data.File("runs") };
        Services.AddMudServices();
        Events = new RunEvents(NullLogger<RunEvents>.Instance);
        Services.AddSingleton(Events);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton(_ => Store.Queries);
        Services.AddSingleton(_ => Store.Recorder);
        Services.AddSingleton(_ => new RunKeyQueries(Store.Contexts));

        // Hosted training, with the real runner over the same store; the demo "data root" is a temp folder.
        Services.AddSingleton(Options.Create(Settings));
        Services.AddSingleton(_ => new TrainingQueue(Store.Recorder));
        Services.AddSingleton<RunLogs>();
        Services.AddSingleton<LiveBatchProgress>();
        Services.AddSingleton<IRunTrainer>(_ => new RecordingRunTrainer(new TrainingRunner(Store.Recorder, TimeProvider.System)));
        Services.AddSingleton<RunLauncher>();
        Services.AddSingleton<RunRemoval>();
        Services.AddSingleton<SeedExperimentLauncher>();
        Services.AddSingleton<ReportExport>();
        Services.AddSingleton(new DatasetState(new DatasetSnapshot { Folder = DataFolder, IsDemo = true, DatabasePath = "tracker.db" }));
        Services.AddSingleton(new ComputeDevice("cpu", IsCuda: false, CudaDeviceCount: 0, TorchVersion: "test", Threads: 1));

        // Slow, shared CI machines: give asynchronous renders time.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
    }

    /// <summary>The server settings the pages see: the demo folder is this test's data root.</summary>
    protected VmatTrackerOptions Settings { get; }

    /// <summary>A folder inside the allowed data roots (it exists).</summary>
    protected string DataFolder => Settings.DemoDataFolder!;

    protected TestStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected RunEvents Events { get; }

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await TestStore.CreateAsync(Events);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _store?.Dispose();
        _data.Dispose();
    }
}
