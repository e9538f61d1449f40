using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Commands;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Web.Components.Pages;

/// <summary>
/// The run list: a server-paged, server-sorted table over <see cref="RunQueries"/> with the filter language, a column
/// picker (metric summaries and parameters), star, archive and delete (with confirmation), and a selection to compare.
/// Rendered per request without a circuit; everything it shows is in the address (<see cref="RunsView"/>). Only one
/// page of runs is ever read or rendered; sorting and paging are database queries over all runs.
/// </summary>
public sealed partial class Runs
{
    private const string ActionsForm = "run-actions";

    private IReadOnlyList<RunListItem> _rows = [];
    private int _total;
    private FilterProblem? _filterProblem;
    private IReadOnlyList<RunColumn> _available = RunColumn.Standard;
    private List<RunColumn> _shown = [];
    private HashSet<long> _selected = [];
    private RunListItem? _pendingDelete;
    private string? _pendingDeleteFolder;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private long _drawnAt;

    /// <summary>Run list queries.</summary>
    [Inject]
    public required RunQueries Queries { get; init; }

    /// <summary>Metric and parameter names for the column picker.</summary>
    [Inject]
    public required RunKeyQueries Keys { get; init; }

    /// <summary>The one writer (star, archive, delete).</summary>
    [Inject]
    public required RunRecorder Recorder { get; init; }

    [Inject]
    public required RunRemoval Removal { get; init; }

    /// <summary>The clock (when the list was drawn).</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Sends the browser on to the compare page.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The filter (<c>/runs?filter=...</c>).</summary>
    [SupplyParameterFromQuery(Name = "filter")]
    public string? FilterText { get; set; }

    /// <summary>The sort key, <c>-</c> first for descending.</summary>
    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortText { get; set; }

    /// <summary>1-based page.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public string? PageText { get; set; }

    /// <summary>Runs per page.</summary>
    [SupplyParameterFromQuery(Name = "size")]
    public string? SizeText { get; set; }

    /// <summary>"true" to list archived runs.</summary>
    [SupplyParameterFromQuery(Name = "archived")]
    public string? ArchivedText { get; set; }

    /// <summary>Column ids to show.</summary>
    [SupplyParameterFromQuery(Name = "cols")]
    public string[]? ColumnIds { get; set; }

    /// <summary>The button pressed in the actions form (named "command": a control named "action" would hide the form's
    /// own action property from scripts, Blazor's enhanced form post among them): <c>star:ID</c>, <c>archive:ID</c>, <c>delete:ID</c>,
    /// <c>confirm-delete:ID</c>, <c>cancel</c> or <c>compare</c>.</summary>
    [SupplyParameterFromForm(Name = "command", FormName = ActionsForm)]
    public string? PostedAction { get; set; }

    /// <summary>The ticked runs when the actions form was sent.</summary>
    [SupplyParameterFromForm(Name = "selected", FormName = ActionsForm)]
    public long[]? PostedSelection { get; set; }

    private RunsView View { get; set; } = new();

    private int PageCount => Math.Max(1, (int)Math.Ceiling(_total / (double)View.PageSize));

    private string PageRange => _rows.Count == 0 ? "" :
        $", showing {((View.Page - 1) * View.PageSize) + 1}–{((View.Page - 1) * View.PageSize) + _rows.Count}";

    private string DeleteFolderNote => _pendingDeleteFolder is null ? "" : $" and its folder {_pendingDeleteFolder}";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        View = RunsView.FromAddress(FilterText, SortText, PageText, SizeText, ArchivedText, ColumnIds);
        _filterProblem = FilterProblem.Check(View.Filter);
        _selected = [.. PostedSelection ?? []];
        await LoadAsync();
    }

    private string PageHref(int page) => (View with { Page = page }).Href;

    private async Task LoadAsync()
    {
        _drawnAt = Time.GetUtcNow().UtcTicks;
        _available = RunColumn.All(await Keys.ListAsync(CancellationToken.None));
        _shown = [.. View.ShownColumns.Select(id => _available.FirstOrDefault(c => c.Id == id)).OfType<RunColumn>()];
        Task<VmatTracker.Data.Queries.RunPage> ReadPageAsync() => Queries.ListAsync(new RunListQuery
        {
            Filter = CombinedFilter(),
            Sort = View.StoreSort,
            Skip = (View.Page - 1) * View.PageSize,
            Take = View.PageSize,
        }, CancellationToken.None);
        try
        {
            var page = await ReadPageAsync();
            if (page.Runs.Count == 0 && page.TotalCount > 0 && View.Page > 1)
            {
                // Past the last page (runs deleted, or an edited address): show the last page that has runs.
                View = View with { Page = ((page.TotalCount - 1) / View.PageSize) + 1 };
                page = await ReadPageAsync();
            }

            (_rows, _total) = (page.Runs, page.TotalCount);
        }
        catch (FilterSyntaxException e)
        {
            // A sort key the sort syntax cannot take (an edited address, or a column with an odd name): say so.
            Show(Severity.Error, $"Cannot sort by {View.SortKey}: {e.Message}");
            (_rows, _total) = ([], 0);
        }
    }

    // The user's filter is checked alone first, so its error positions are the user's own; one that does not parse is
    // left out (the error says so) rather than emptying the list.
    private string? CombinedFilter()
    {
        var userFilter = _filterProblem is null ? View.Filter : null;
        var hideArchived = View.ShowArchived ? null : $"tags.{RunRecorder.ArchivedTag} = null";
        return (userFilter, hideArchived) switch
        {
            (null, _) => hideArchived,
            (_, null) => userFilter,
            _ => $"({userFilter}) and {hideArchived}",
        };
    }

    // A header cell whose title links to the next order; aria-sort sits on the cell, where assistive technology reads it.
    private RenderFragment SortHeader(string sortKey, string title) => builder =>
    {
        var active = View.SortKey == sortKey;
        builder.OpenElement(0, "th");
        builder.AddAttribute(1, "aria-sort", !active ? "none" : View.Descending ? "descending" : "ascending");
        builder.OpenElement(2, "a");
        builder.AddAttribute(3, "href", View.SortedBy(sortKey).Href);
        builder.AddAttribute(4, "class", active ? "sort-header sort-active" : "sort-header");
        builder.AddAttribute(5, "data-testid", "sort-" + sortKey);
        builder.AddContent(6, title);
        builder.AddContent(7, !active ? "" : View.Descending ? " ▼" : " ▲");
        builder.CloseElement();
        builder.CloseElement();
    };

    private sealed record PagerLink(int? Page, string Text, string Label);

    // First, previous, a window of pages around this one, next, last; gaps shown as an ellipsis.
    private IEnumerable<PagerLink> PagerLinks()
    {
        var (current, last) = (View.Page, PageCount);
        yield return new(current > 1 ? current - 1 : null, "‹", "previous page");
        var window = Enumerable.Range(current - 2, 5).Where(p => p > 1 && p < last).ToList();
        yield return Numbered(1);
        if (window.Count > 0 && window[0] > 2)
        {
            yield return new(null, "…", "");
        }

        foreach (var page in window)
        {
            yield return Numbered(page);
        }

        if (window.Count > 0 && window[^1] < last - 1)
        {
            yield return new(null, "…", "");
        }

        if (last > 1)
        {
            yield return Numbered(last);
        }

        yield return new(current < last ? current + 1 : null, "›", "next page");

        static PagerLink Numbered(int page) => new(page, page.ToString(CultureInfo.InvariantCulture), $"page {page}");
    }

    private bool IsShown(RunColumn column) => _shown.Any(c => c.Id == column.Id);

    private static bool IsArchived(RunListItem run) => run.Tags.ContainsKey(RunRecorder.ArchivedTag);

    private void Show(Severity severity, string message) => (_messageSeverity, _message) = (severity, message);
}
