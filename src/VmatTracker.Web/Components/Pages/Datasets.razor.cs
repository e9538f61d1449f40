using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Runs.Configuration;
using VmatTracker.Web.Services;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// Every folder the server may train on (the configured data root and the demo dataset): its cases with their
/// validation status and messages, fingerprint, site and the split a run with the chosen seed will use. The folder
/// scanned at start-up comes from <see cref="DatasetState"/>; another root is scanned here on request.
/// </summary>
public sealed partial class Datasets : IDisposable
{
    private readonly ConcurrentDictionary<string, DatasetReport> _scanned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scanning = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _scanProblems = new(StringComparer.Ordinal);
    private readonly Dictionary<(DatasetReport, int), DataSplit?> _splits = [];
    private IReadOnlyList<DataRootView> _roots = [];
    private DatasetSnapshot _snapshot = null!;
    private IDisposable? _subscription;
    private int _seed = 42;

    /// <summary>The server's scanned dataset.</summary>
    [Inject]
    public required DatasetState Dataset { get; init; }

    /// <summary>The configured roots.</summary>
    [Inject]
    public required IOptions<VmatTrackerOptions> Options { get; init; }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        // Subscribe before reading, so a change between the two is not missed.
        _subscription = Dataset.Subscribe(() => InvokeAsync(() =>
        {
            _snapshot = Dataset.Current;
            StateHasChanged();
        }));
        _snapshot = Dataset.Current;
        var active = Path.TrimEndingDirectorySeparator(_snapshot.Folder);
        var demo = Path.TrimEndingDirectorySeparator(DataRoots.DemoFolder(Options.Value));
        _roots = [.. DataRoots.All(Options.Value).Select(Path.TrimEndingDirectorySeparator).Distinct(StringComparer.Ordinal)
            .Select(folder => new DataRootView(folder, folder == demo, folder == active))];
    }

    private DatasetReport? ReportOf(DataRootView root) =>
        root.IsActive ? _snapshot.Report : _scanned.GetValueOrDefault(root.Folder);

    private async Task ScanAsync(string folder)
    {
        _scanning.Add(folder);
        _scanProblems.Remove(folder);
        try
        {
            _scanned[folder] = await Task.Run(() => DatasetCatalog.Scan(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _scanProblems[folder] = $"{folder} could not be scanned: {e.Message}";
        }
        finally
        {
            _scanning.Remove(folder);
        }
    }

    private DataSplit? Split(DatasetReport report)
    {
        if (!_splits.TryGetValue((report, _seed), out var split))
        {
            var valid = report.Cases.Where(c => c.IsValid).Select(c => c.CaseId).ToList();
            split = valid.Count >= 3 ? DataSplit.FromSeed(valid, _seed) : null;
            _splits[(report, _seed)] = split;
        }

        return split;
    }

    private string SplitText(DatasetReport report) => Split(report) is { } split
        ? $"{split.Train.Count} train / {split.Validation.Count} val / {split.Test.Count} test (test: {string.Join(", ", split.Test)})"
        : "needs at least 3 valid cases";

    private string SplitOf(DatasetReport report, string caseId)
    {
        if (Split(report) is not { } split)
        {
            return "—";
        }

        return split.Train.Contains(caseId) ? "train"
            : split.Validation.Contains(caseId) ? "val"
            : split.Test.Contains(caseId) ? "test"
            : "—";
    }

    private static string Summary(DatasetReport report) => report.IsValid
        ? $"{report.Cases.Count} valid cases"
        : $"{report.InvalidCases.Count()} of {report.Cases.Count} cases have problems";

    private static string Sites(DatasetReport report)
    {
        var sites = report.Cases.Where(c => c.Site is not null).Select(c => c.Site!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return sites.Count == 0 ? "—" : string.Join(", ", sites);
    }

    private static string Messages(CaseReport report)
    {
        var lines = report.Problems.Concat(report.Warnings.Select(w => "warning: " + w)).ToList();
        if (report.IsValid && report.AbsentStructures.Count > 0)
        {
            lines.Add("absent: " + string.Join(", ", report.AbsentStructures));
        }

        return lines.Count == 0 ? "—" : string.Join(" | ", lines);
    }

    private sealed record DataRootView(string Folder, bool IsDemo, bool IsActive);
}
