using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Live;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Web.Security;
using VmatTracker.Web.Services;
using VmatTracker.Web.Services.Reports;

namespace VmatTracker.Web;

/// <summary>The web server's composition root.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Registers VmatTracker's services: options, dataset state and its start-up worker, the tracking store
    /// (migrated at start-up) with its live events, MudBlazor.</summary>
    public static WebApplicationBuilder AddVmatTracker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Package assets (MudBlazor's CSS/JS) are served from the NuGet cache outside Development only when asked;
        // without this the build output run in Production answers 500 for every _content asset (feasibility 4).
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddOptions<VmatTrackerOptions>().BindConfiguration(VmatTrackerOptions.SectionName);

        // Who may talk to the server: hosts and browser origins (docs/security.md, "Requests from the network").
        builder.Services.AddOptions<RequestSafetyOptions>().BindConfiguration(VmatTrackerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RequestSafetyOptions>, RequestSafetyValidation>();
        builder.Services.AddSingleton<RequestSafety>();
        builder.Services.AddSingleton(services => new DatasetState(CreateInitialSnapshot(
            services.GetRequiredService<IOptions<VmatTrackerOptions>>().Value)));
        builder.Services.AddHostedService<DatasetStartupWorker>();

        // The tracking store: the same resolution as the CLI (--db / VmatTracker:DatabasePath, then VMAT_DB, then the
        // per-user default), migrated by a hosted step before the server listens.
        var store = builder.Configuration.GetSection(VmatTrackerOptions.SectionName).Get<TrackerStoreOptions>()
            ?? new TrackerStoreOptions();
        // The live bridge: RunRecorder announces commits to RunEvents, which the pages subscribe to (registered
        // before AddTrackerData so its silent default is not used).
        builder.Services.AddSingleton<RunEvents>();
        builder.Services.AddSingleton<IRunEvents>(services => services.GetRequiredService<RunEvents>());
        builder.Services.AddTrackerData(store);
        builder.Services.AddSingleton<RunKeyQueries>();
        builder.Services.AddSingleton<ServerHealth>();
        builder.Services.AddHostedService<TrackerDatabaseMigrator>();
        builder.Services.AddHostedService<ListenAddressCheck>();

        // Probed once: loading libtorch takes a moment, and the answer does not change while the server runs.
        builder.Services.AddSingleton(_ => DeviceSelector.Probe());

        // Hosted training: the queue, its worker (dedicated threads) and the runs' log tails.
        builder.Services.AddSingleton<TrainingRunner>();
        builder.Services.AddSingleton<CheckpointEvaluationRunner>();
        builder.Services.AddSingleton<TrainingQueue>();
        builder.Services.AddSingleton<RunLogs>();
        builder.Services.AddSingleton<LiveBatchProgress>();
        builder.Services.AddSingleton<RunLauncher>();
        builder.Services.AddSingleton<RunRemoval>();
        builder.Services.TryAddSingleton<IRunTrainer, RecordingRunTrainer>();
        builder.Services.AddHostedService<TrainingWorker>();
        builder.Services.AddSingleton<ReportExport>();
        builder.Services.AddSingleton<SeedExperimentLauncher>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddRunApi();
        return builder;
    }

    private static DatasetSnapshot CreateInitialSnapshot(VmatTrackerOptions options)
    {
        var isDemo = string.IsNullOrWhiteSpace(options.DataRoot);
        var folder = isDemo ? DataRoots.DemoFolder(options) : Path.GetFullPath(options.DataRoot!);
        return new DatasetSnapshot
        {
            Folder = folder,
            IsDemo = isDemo,
            DatabasePath = TrackerDatabaseLocation.Resolve(options.DatabasePath),
        };
    }
}
