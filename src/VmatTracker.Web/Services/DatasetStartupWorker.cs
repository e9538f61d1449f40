using Microsoft.Extensions.Options;
using VmatTracker.Engine;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Runs.Configuration;
using VmatTracker.Web.Configuration;

namespace VmatTracker.Web.Services;

/// <summary>
/// At start-up: with no data folder configured, writes the synthetic demo phantoms (first start only; cases that
/// already exist are kept), then validates the dataset and publishes the report through <see cref="DatasetState"/>.
/// Runs in the background so the server answers while it works; a failure is logged and shown, never fatal to the host.
/// </summary>
public sealed partial class DatasetStartupWorker(
    DatasetState state,
    IOptions<VmatTrackerOptions> options,
    ILogger<DatasetStartupWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Prepare(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private void Prepare(CancellationToken stoppingToken)
    {
        var folder = state.Current.Folder;
        try
        {
            if (state.Current.IsDemo)
            {
                GenerateDemo(folder, stoppingToken);
            }

            var total = DatasetCatalog.ListCaseFiles(folder).Count;
            state.Update(s => s with { Phase = DatasetPhase.Scanning, Message = "Validating cases", Done = 0, Total = total });
            var progress = new InlineProgress<CaseReport>(_ => state.Update(s => s with { Done = s.Done + 1 }));
            var report = DatasetCatalog.Scan(folder, progress, stoppingToken);
            var summary = report.IsValid
                ? $"{report.Cases.Count} valid cases"
                : $"{report.InvalidCases.Count()} of {report.Cases.Count} cases have problems";
            state.Update(s => s with { Phase = DatasetPhase.Ready, Message = summary, Report = report });
            LogReady(folder, report.Cases.Count, report.Fingerprint);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-way: the demo writer leaves only whole files behind, so the next start resumes.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong, the server keeps serving: a background service that throws stops the whole host, and
            // the data folder is not ours to trust. The datasets page shows the failure.
            state.Update(s => s with { Phase = DatasetPhase.Failed, Message = $"The dataset scan of {folder} failed: {ex.Message}" });
            LogFailed(ex, folder);
        }
    }

    private void GenerateDemo(string folder, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var phantom = new PhantomOptions
        {
            Shape = DemoSettings.ParseShape(settings.DemoShape),
            Spacing = DemoSettings.ParseSpacing(settings.DemoSpacingMm),
            Seed = settings.DemoSeed,
        };
        state.Update(s => s with
        {
            Phase = DatasetPhase.GeneratingDemo,
            Message = "Generating synthetic demo phantoms",
            Done = 0,
            Total = settings.DemoCases,
        });
        PhantomDataset.Write(folder, settings.DemoCases, phantom, reuseExisting: true,
            new InlineProgress<string>(_ => state.Update(s => s with { Done = s.Done + 1 })), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Folder}: {Cases} cases, fingerprint {Fingerprint}")]
    private partial void LogReady(string folder, int cases, string fingerprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dataset {Folder} could not be prepared")]
    private partial void LogFailed(Exception exception, string folder);
}
