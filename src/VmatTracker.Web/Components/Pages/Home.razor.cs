using Microsoft.AspNetCore.Components;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Training;
using VmatTracker.Web.Services;

namespace VmatTracker.Web.Components.Pages;

/// <summary>The landing page: which data folder and database the server uses, and what is in the folder.</summary>
public sealed partial class Home : IDisposable
{
    private DatasetSnapshot _snapshot = null!;
    private string? _splitText;
    private IDisposable? _subscription;

    /// <summary>The server's dataset state.</summary>
    [Inject]
    public required DatasetState Dataset { get; init; }

    /// <summary>The device training would use.</summary>
    [Inject]
    public required ComputeDevice Device { get; init; }

    private string StatusText => _snapshot.Phase switch
    {
        DatasetPhase.GeneratingDemo or DatasetPhase.Scanning => $"{_snapshot.Message}: {_snapshot.Done} of {_snapshot.Total}",
        _ => _snapshot.Message,
    };

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        // Subscribe before reading, so a change between the two is not missed.
        _subscription = Dataset.Subscribe(() => InvokeAsync(() =>
        {
            Show(Dataset.Current);
            StateHasChanged();
        }));
        Show(Dataset.Current);
    }

    private void Show(DatasetSnapshot snapshot)
    {
        // The split is drawn once per report, not on every render (progress updates re-render many times).
        if (snapshot.Report is { } report && !ReferenceEquals(report, _snapshot?.Report))
        {
            _splitText = SplitText(report);
        }

        _snapshot = snapshot;
    }

    private static string SplitText(DatasetReport report)
    {
        var ids = report.CaseIds.ToList();
        if (ids.Count < 3)
        {
            return "needs at least 3 cases";
        }

        var split = DataSplit.FromSeed(ids, 42);
        return $"{split.Train.Count} train / {split.Validation.Count} val / {split.Test.Count} test (test: {string.Join(", ", split.Test)})";
    }

    private static string Detail(CaseReport report) => report.IsValid
        ? (report.AbsentStructures.Count == 0 ? "—" : string.Join(", ", report.AbsentStructures))
        : string.Join(" | ", report.Problems);
}
