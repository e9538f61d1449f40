using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Live;
using VmatTracker.Runs.Presets;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// Reproduce the seed from the dashboard: a form (data root, size, seeds, pilot τ) that queues the runs
/// <see cref="SeedExperiment"/> plans, then their progress. The queued runs' IDs go into the address
/// (<c>/experiments/seed?runs=...</c>), so the page can be reopened; when every run has ended while the page is open it
/// opens the comparison with the first seed's Baseline as baseline.
/// </summary>
public sealed partial class SeedPage : IDisposable
{
    private IReadOnlyList<string> _roots = [];
    private string? _dataDir;
    private string _size = SizeProfile.Smoke.Key;
    private string _seeds = "42";
    private bool _pilotTau;
    private bool _queueing;
    private List<long> _runIds = [];
    private List<SeedRunRow> _rows = [];
    private bool _sawUnfinished;
    private IDisposable? _subscription;
    private UpdateThrottle? _throttle;

    /// <summary>Queues the runs.</summary>
    [Inject]
    public required SeedExperimentLauncher Launcher { get; init; }

    /// <summary>Reads the runs' status.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>Status changes.</summary>
    [Inject]
    public required RunEvents Events { get; init; }

    /// <summary>The data roots.</summary>
    [Inject]
    public required IOptions<VmatTrackerOptions> Settings { get; init; }

    /// <summary>Opens the comparison.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The clock (for the ETA).</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Logs failed redraws.</summary>
    [Inject]
    public required ILogger<SeedPage> Logger { get; init; }

    /// <summary>The runs being followed, comma-separated IDs (set after queueing).</summary>
    [SupplyParameterFromQuery(Name = "runs")]
    public string? RunIds { get; set; }

    private SeedRequest Request => new(_dataDir, _size, _seeds, _pilotTau);

    private IReadOnlyList<string> Problems => Launcher.Problems(Request);

    private int PlannedCount => SeedExperiment.TryParseSeeds(_seeds, out var seeds, out _)
        ? seeds.Count * (SeedExperiment.Recipes.Count + (_pilotTau ? 1 : 0)) : 0;

    private string ComparePath => SeedExperiment.ComparePath(_runIds).TrimStart('/');

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _roots = DataRoots.All(Settings.Value);
        _dataDir = _roots.Count > 0 ? _roots[0] : null;
        _throttle = new UpdateThrottle(() => InvokeAsync(RefreshAsync), TimeSpan.FromMilliseconds(300), Logger);
        _subscription = Events.Subscribe(change =>
        {
            if (_runIds.Contains(change.RunId))
            {
                _throttle.Signal();
            }
        }, batch =>
        {
            if (_runIds.Contains(batch.RunId))
            {
                _throttle.Signal();
            }
        });
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _runIds = Compare.ParseIds(RunIds).Ids;
        await ReadRowsAsync();
    }

    private async Task QueueAsync()
    {
        _queueing = true;
        try
        {
            var ids = await Launcher.LaunchAsync(Request, CancellationToken.None);
            Navigation.NavigateTo("experiments/seed?runs=" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))));
        }
        catch (ArgumentException)
        {
            // Problems are listed under the form; a data root removed meanwhile shows there too.
        }
        finally
        {
            _queueing = false;
        }
    }

    private async Task RefreshAsync()
    {
        await ReadRowsAsync();
        StateHasChanged();
    }

    private async Task ReadRowsAsync()
    {
        var rows = new List<SeedRunRow>();
        var now = Time.GetUtcNow().UtcDateTime;
        foreach (var id in _runIds)
        {
            var detail = await Queries.GetAsync(id, CancellationToken.None);
            rows.Add(SeedRunRow.Of(id, detail?.Summary, now));
        }

        _rows = rows;
        if (_rows.Count == 0)
        {
            return;
        }

        if (_rows.Any(r => !r.Ended))
        {
            _sawUnfinished = true;
        }
        else if (_sawUnfinished)
        {
            // Every run ended while the user watched: open the comparison (the link stays for a later visit).
            _sawUnfinished = false;
            Navigation.NavigateTo(ComparePath);
        }
    }

    /// <summary>One followed run as the progress table shows it.</summary>
    private sealed record SeedRunRow(long Id, string Name, string Recipe, string Seed, RunStatus? Status, string Progress)
    {
        public bool Ended => Status is not (RunStatus.Queued or RunStatus.Running);

        public static SeedRunRow Of(long id, RunListItem? run, DateTime now)
        {
            if (run is null)
            {
                return new SeedRunRow(id, "", "", "", null, "");
            }

            var progress = run.Status == RunStatus.Running ? RunProgress.Of(run, now).Text : "";
            return new SeedRunRow(id, run.Name, run.Tags.GetValueOrDefault("recipe", ""), run.Tags.GetValueOrDefault("seed", ""),
                run.Status, progress);
        }
    }
}
