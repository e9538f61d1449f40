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
/// <see cref="RunEvents"/> through a throttle. Only one page of runs is ever read or rendered; sorting and paging are
/// database queries over all runs.
/// </summary>
public sealed partial class Runs : IDisposable
{
    private static readonly string[] s_defaultColumns = ["experiment", "created", "duration", "metric:val/mae_gy:min"];

    private static readonly int[] s_pageSizes = [50, 100, 500];

    private IReadOnlyList<RunListItem> _rows = [];
    private int _page;
    private int _pageSize = s_pageSizes[0];
    private string? _sortKey;
    private bool _sortDescending;
    private string? _filterText;
    private string? _appliedFilter;
    private FilterProblem? _filterProblem;
    private bool _showArchived;
    private int _total;
    private IReadOnlyList<RunColumn> _available = RunColumn.Standard;
    private bool _columnPickerOpen;
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

    /// <summary>The first page as the prerender read it, carried into the live page.</summary>
    [PersistentState]
    public PrerenderedRuns? Prerendered { get; set; }

    /// <summary>Initial filter from the address (<c>/runs?filter=...</c>), so a filtered list can be shared.</summary>
    [SupplyParameterFromQuery(Name = "filter")]
    public string? InitialFilter { get; set; }

    private string CompareHref => "compare?runs=" + string.Join(",", _selected.Order());

    private int PageCount => Math.Max(1, (int)Math.Ceiling(_total / (double)_pageSize));

    private string PageRange => _rows.Count == 0 ? "" : $", showing {(_page * _pageSize) + 1}–{(_page * _pageSize) + _rows.Count}";

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
        if (Prerendered is { } first && RendererInfo.IsInteractive)
        {
            // No await before this point: the first live render must already hold the prerender's rows and columns.
            SetColumns(first.Keys);
            (_rows, _total) = (first.Restore(), first.TotalCount);
            Prerendered = null;
            return;
        }

        var keys = await Keys.ListAsync(CancellationToken.None);
        SetColumns(keys);
        await LoadPageAsync();
        if (!RendererInfo.IsInteractive)
        {
            Prerendered = PrerenderedRuns.Carry(_rows, _total, keys, _shown);
        }
    }

    private void SetColumns(RunKeys keys)
    {
        _available = RunColumn.All(keys);
        _shown = [.. s_defaultColumns.Select(id => _available.FirstOrDefault(c => c.Id == id)).OfType<RunColumn>()];
    }

    private async Task LoadPageAsync()
    {
        var sort = _sortKey is null ? null : (_sortDescending ? "-" : "") + _sortKey;
        Task<VmatTracker.Data.Queries.RunPage> ReadPageAsync() =>
            Queries.ListAsync(new RunListQuery { Filter = CombinedFilter(), Sort = sort, Skip = _page * _pageSize, Take = _pageSize }, CancellationToken.None);
        try
        {
            var page = await ReadPageAsync();
            if (page.Runs.Count == 0 && page.TotalCount > 0 && _page > 0)
            {
                // The page emptied under the user (runs deleted or filtered away): show the last page that has runs.
                _page = (page.TotalCount - 1) / _pageSize;
                page = await ReadPageAsync();
            }

            _rows = page.Runs;
            _total = page.TotalCount;
        }
        catch (FilterSyntaxException e)
        {
            // A column whose name the sort syntax cannot take: say so instead of failing the circuit.
            Show(Severity.Error, $"Cannot sort by {_sortKey}: {e.Message}");
            _rows = [];
            _total = 0;
        }
    }

    private RenderFragment SortHeader(string sortKey, string title) => builder =>
    {
        var active = _sortKey == sortKey;
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", active ? "sort-header sort-active" : "sort-header");
        builder.AddAttribute(3, "data-testid", "sort-" + sortKey);
        builder.AddAttribute(4, "aria-sort", !active ? "none" : _sortDescending ? "descending" : "ascending");
        builder.AddAttribute(5, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => SortByAsync(sortKey)));
        builder.AddContent(6, title);
        builder.AddContent(7, !active ? "" : _sortDescending ? " ▼" : " ▲");
        builder.CloseElement();
    };

    // Ascending, then descending, then back to the store's default order (newest first), as MudBlazor's tables do.
    private async Task SortByAsync(string sortKey)
    {
        (_sortKey, _sortDescending) = (_sortKey == sortKey, _sortDescending) switch
        {
            (false, _) => (sortKey, false),
            (true, false) => (sortKey, true),
            (true, true) => (null, false),
        };
        _page = 0;
        await LoadPageAsync();
    }

    private async Task GoToPageAsync(int oneBasedPage)
    {
        _page = Math.Max(0, oneBasedPage - 1);
        await LoadPageAsync();
    }

    private async Task PageSizeChangedAsync(int size)
    {
        _pageSize = size;
        _page = 0;
        await LoadPageAsync();
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
            _page = 0;
            await ReloadAsync();
        }
    }

    private async Task ShowArchivedChangedAsync(bool value)
    {
        _showArchived = value;
        _page = 0;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        await RefreshColumnsAsync();
        await LoadPageAsync();
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
