using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Options;
using VmatTracker.Runs.Presets;
using VmatTracker.Web.Services;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// Starts a run: presets (recipe and size profile), every trainer option with the trainer's own validation messages
/// shown before submit, a dataset from the configured data roots with the split its seed gives, and "clone from run"
/// (<c>/runs/new?from=ID</c>) loading another run's stored configuration. Submit queues the run and opens its page.
/// </summary>
public sealed partial class NewRunPage
{
    private NewRunForm _form = new(new TrainerOptions());
    private IReadOnlyList<string> _roots = [];
    private RecipePreset? _recipe = RecipePreset.Baseline;
    private SizeProfile? _profile = SizeProfile.Demo;
    private string? _cloneProblem;
    private string? _submitProblem;
    private bool _submitting;

    /// <summary>The run to clone, from <c>?from=ID</c>.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public long? From { get; set; }

    /// <summary>Checks and queues runs.</summary>
    [Inject]
    public required RunLauncher Launcher { get; init; }

    /// <summary>Reads the run to clone.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>The current dataset (its cases give the split preview).</summary>
    [Inject]
    public required DatasetState Dataset { get; init; }

    /// <summary>The device the server found, for the default profile.</summary>
    [Inject]
    public required ComputeDevice Device { get; init; }

    /// <summary>Data roots and the runs folder.</summary>
    [Inject]
    public required IOptions<VmatTrackerOptions> Settings { get; init; }

    /// <summary>Names new runs by the time.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Opens the queued run's page.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>What is wrong with the form now (the trainer's messages, each naming its flag).</summary>
    public IReadOnlyList<string> Problems => Launcher.Problems(_form.ToOptions());

    private DataSplit? Split
    {
        get
        {
            var snapshot = Dataset.Current;
            if (snapshot.Report is not { } report || !SameFolder(snapshot.Folder, _form.DataDir))
            {
                return null;
            }

            var ids = report.Cases.Where(c => c.IsValid).Select(c => c.CaseId).ToList();
            return ids.Count >= 3 ? DataSplit.FromSeed(ids, _form.Seed) : null;
        }
    }

    private string SplitUnavailable => Dataset.Current.Report is null || !SameFolder(Dataset.Current.Folder, _form.DataDir)
        ? $"This dataset has not been scanned by the server; its split is made from seed {_form.Seed} when the run starts."
        : "The dataset has fewer than 3 valid cases: no split.";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var settings = Settings.Value;
        _roots = DataRoots.All(settings);
        _profile = RunPresets.DefaultProfile(Device);
        var stamp = Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var start = new TrainerOptions
        {
            ExpName = $"run_{stamp}",
            DataDir = Dataset.Current.Folder,
            LogDir = DataRoots.RunsFolder(settings),
        };
        start = RunPresets.ApplyProfile(RunPresets.ApplyRecipe(start, _recipe!), _profile, _recipe);
        _form = new NewRunForm(start);
        if (From is { } from)
        {
            await CloneAsync(from, stamp);
        }
    }

    private async Task CloneAsync(long runId, string stamp)
    {
        var detail = await Queries.GetAsync(runId, CancellationToken.None);
        if (detail is null)
        {
            _cloneProblem = $"There is no run {runId} to clone; the form shows the defaults.";
            return;
        }

        try
        {
            var cloned = TrainerConfigReader.Read(detail.ConfigJson) with { Resume = false, CheckpointPath = null };
            _form.Load(cloned with { ExpName = $"{cloned.ExpName}_clone_{stamp}" });
            _form.Experiment = detail.Summary.Experiment;
            _recipe = null;
            _profile = null;
        }
        catch (FormatException e)
        {
            _cloneProblem = $"Run {runId}'s stored configuration cannot be read ({e.Message}); the form shows the defaults.";
        }
    }

    private void ApplyRecipe(RecipePreset recipe)
    {
        _recipe = recipe;
        _form.Load(RunPresets.ApplyRecipe(_form.ToOptions(), recipe));
    }

    private void ApplyProfile(SizeProfile profile)
    {
        _profile = profile;
        _form.Load(RunPresets.ApplyProfile(_form.ToOptions(), profile, _recipe));
    }

    /// <summary>The presets chosen, as tags (the same "recipe" and "size" tags vmat experiment records), each only while
    /// the form still holds what the preset set.</summary>
    private Dictionary<string, string>? PresetTags()
    {
        var options = _form.ToOptions();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_recipe is { } recipe && options.Loss == recipe.Loss)
        {
            tags["recipe"] = recipe.Key;
        }

        if (_profile is { } profile && (options.BaseChannels, options.PatchSize, options.Epochs) ==
            (profile.BaseChannels, profile.PatchSize, profile.Epochs))
        {
            tags["size"] = profile.Key;
        }

        return tags.Count == 0 ? null : tags;
    }

    private async Task SubmitAsync()
    {
        _submitProblem = null;
        _submitting = true;
        try
        {
            var experiment = string.IsNullOrWhiteSpace(_form.Experiment) ? null : _form.Experiment.Trim();
            var notes = string.IsNullOrWhiteSpace(_form.Notes) ? null : _form.Notes;
            var runId = await Launcher.LaunchAsync(_form.ToOptions(), new RunLaunch(experiment, PresetTags(), notes), CancellationToken.None);
            Navigation.NavigateTo($"runs/{runId}");
        }
        catch (ArgumentException e)
        {
            _submitProblem = e.Message;
        }
        finally
        {
            _submitting = false;
        }
    }

    private static bool SameFolder(string a, string b) => !string.IsNullOrWhiteSpace(b)
        && string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
