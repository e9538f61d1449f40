using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Services;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// The run list: a server-paged, server-sorted table over <see cref="RunQueries"/> with the filter language, a column
/// picker (metric summaries and parameters), star, archive and delete (with confirmation), kept current by
/// <see cref="RunEvents"/> through a throttle.
/// </summary>
public sealed partial class Runs : IDisposable
{
    private static readonly string[] s_defaultColumns = ["experiment", "created", "duration", "metric:val/mae_gy:min"];

    private MudTable<RunListItem>? _table;
    private string? _filterText;
    private string? _appliedFilter;
    private FilterProblem? _filterProblem;
    private bool _showArchived;
    private int _total;
    private IReadOnlyList<RunColumn> _available = RunColumn.Standard;
    private List<RunColumn> _shown = [];
    private readonly HashSet<long> _selected = [];
    private RunListItem? _pendingDelete;
    private string? _pendingDeleteFolder;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private IDisposable? _subscription;
    private UpdateThrottle? _throttle;

    /// <summary>Run list queries.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>Metric and parameter names for the column picker.</summary>
    [Inject]
    public required RunKeyQueries Keys { get; init; }

    /// <summary>The one writer (star, archive, delete).</summary>
    [Inject]
    public required RunRecorder Recorder { get; init; }

    /// <summary>Live changes.</summary>
    [Inject]
    public required RunEvents Events { get; init; }

    /// <summary>The clock (for the ETA).</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Logs failed live refreshes.</summary>
    [Inject]
    public required ILogger<Runs> Logger { get; init; }

    /// <summary>Initial filter from the address (<c>/runs?filter=...</c>), so a filtered list can be shared.</summary>
    [SupplyParameterFromQuery(Name = "filter")]
    public string? InitialFilter { get; set; }

    private string CompareHref => "compare?runs=" + string.Join(",", _selected.Order());

    private string DeleteFolderNote => _pendingDeleteFolder is null ? "" : $" and its folder {_pendingDeleteFolder}";

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _throttle = new UpdateThrottle(() => InvokeAsync(ReloadAsync), TimeSpan.FromMilliseconds(500), Logger);
        _subscription = Events.Subscribe(_ => _throttle.Signal(), _ => _throttle.Signal());
        _filterText = InitialFilter;
        _filterProblem = FilterProblem.Check(_filterText);
        _appliedFilter = _filterProblem is null ? _filterText : null;
        await RefreshColumnsAsync();
        _shown = [.. s_defaultColumns.Select(id => _available.FirstOrDefault(c => c.Id == id)).OfType<RunColumn>()];
    }

    private async Task<TableData<RunListItem>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = string.IsNullOrEmpty(state.SortLabel) || state.SortDirection == SortDirection.None
            ? null
            : (state.SortDirection == SortDirection.Descending ? "-" : "") + state.SortLabel;
        try
        {
            var page = await Queries.ListAsync(new RunListQuery
            {
                Filter = CombinedFilter(),
                Sort = sort,
                Skip = state.Page * state.PageSize,
                Take = state.PageSize,
            }, cancellationToken);
            _total = page.TotalCount;
            return new TableData<RunListItem> { Items = page.Runs, TotalItems = page.TotalCount };
        }
        catch (FilterSyntaxException e)
        {
            // A column whose name the sort syntax cannot take: say so instead of failing the circuit.
            Show(Severity.Error, $"Cannot sort by {state.SortLabel}: {e.Message}");
            _total = 0;
            return new TableData<RunListItem> { Items = [], TotalItems = 0 };
        }
    }

    // The user's filter is checked alone first, so its error positions are the user's own.
    private string? CombinedFilter()
    {
        var hideArchived = _showArchived ? null : $"tags.{RunRecorder.ArchivedTag} = null";
        return (string.IsNullOrWhiteSpace(_appliedFilter), hideArchived) switch
        {
            (true, null) => null,
            (true, _) => hideArchived,
            (false, null) => _appliedFilter,
            _ => $"({_appliedFilter}) and {hideArchived}",
        };
    }

    private async Task OnFilterKeyUpAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ApplyFilterAsync();
        }
    }

    private async Task ApplyFilterAsync()
    {
        _filterProblem = FilterProblem.Check(_filterText);
        if (_filterProblem is null)
        {
            _appliedFilter = _filterText;
            await ReloadAsync();
        }
    }

    private async Task ShowArchivedChangedAsync(bool value)
    {
        _showArchived = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        await RefreshColumnsAsync();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }

        StateHasChanged();
    }

    private async Task RefreshColumnsAsync()
    {
        _available = RunColumn.All(await Keys.ListAsync(CancellationToken.None));
        _shown = [.. _shown.Select(s => _available.FirstOrDefault(a => a.Id == s.Id)).OfType<RunColumn>()];
    }

    private bool IsShown(RunColumn column) => _shown.Any(c => c.Id == column.Id);

    private async Task ToggleColumn(RunColumn column, bool show)
    {
        _shown.RemoveAll(c => c.Id == column.Id);
        if (show)
        {
            _shown.Add(column);
        }

        await ReloadAsync();
    }

    private void ToggleSelected(long runId, bool selected)
    {
        if (selected)
        {
            _selected.Add(runId);
        }
        else
        {
            _selected.Remove(runId);
        }
    }

    private static bool IsArchived(RunListItem run) => run.Tags.ContainsKey(RunRecorder.ArchivedTag);

    private async Task ToggleStarAsync(RunListItem run)
    {
        await Recorder.SetStarredAsync(run.Id, !run.Starred, CancellationToken.None);
        await ReloadAsync();
    }

    private async Task ToggleArchiveAsync(RunListItem run)
    {
        await Recorder.SetArchivedAsync(run.Id, !IsArchived(run), CancellationToken.None);
        Show(Severity.Info, IsArchived(run) ? $"Run {run.Id} restored." : $"Run {run.Id} archived (\"Show archived\" lists it).");
        await ReloadAsync();
    }

    private async Task AskDeleteAsync(RunListItem run)
    {
        var detail = await Queries.GetAsync(run.Id, CancellationToken.None);
        _pendingDeleteFolder = detail?.Artifacts.FirstOrDefault(a => a.Kind == RunRecorder.RunFolderArtifactKind)?.Path;
        _pendingDelete = run;
    }

    private void CancelDelete() => _pendingDelete = null;

    private async Task ConfirmDeleteAsync()
    {
        if (_pendingDelete is not { } run)
        {
            return;
        }

        _pendingDelete = null;
        try
        {
            var deletion = await Recorder.DeleteAsync(run.Id, CancellationToken.None);
            _selected.Remove(run.Id);
            Show(deletion.FolderProblem is null ? Severity.Success : Severity.Warning, deletion switch
            {
                { FolderDeleted: true } => $"Run {run.Id} deleted with its folder {deletion.Folder}.",
                { Folder: not null } => $"Run {run.Id} deleted; its folder {deletion.Folder} was not removed: {deletion.FolderProblem}.",
                _ => $"Run {run.Id} deleted.",
            });
        }
        catch (Exception e) when (e is InvalidOperationException or UnknownRunException)
        {
            Show(Severity.Error, e.Message);
        }

        await ReloadAsync();
    }

    private void Show(Severity severity, string message)
    {
        _messageSeverity = severity;
        _message = message;
    }
}
