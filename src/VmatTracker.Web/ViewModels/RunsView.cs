using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// What the run list shows, all of it in the address (<c>/runs?filter=…&amp;sort=…&amp;page=…&amp;size=…&amp;archived=true&amp;cols=…</c>):
/// the page is rendered on the server without a circuit, so its links and forms carry this state, and a view can be
/// bookmarked, shared and walked with the browser's Back button.
/// </summary>
public sealed record RunsView
{
    /// <summary>The page sizes offered.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [50, 100, 500];

    /// <summary>The columns shown when the address names none.</summary>
    public static readonly IReadOnlyList<string> DefaultColumns = ["experiment", "created", "duration", "metric:val/mae_gy:min"];

    /// <summary>The user's filter, as typed (null when none).</summary>
    public string? Filter { get; init; }

    /// <summary>The store's sort key (<see cref="RunColumn.SortKey"/>), or null for newest first.</summary>
    public string? SortKey { get; init; }

    /// <summary>Whether <see cref="SortKey"/> runs descending.</summary>
    public bool Descending { get; init; }

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Runs per page, one of <see cref="PageSizes"/>.</summary>
    public int PageSize { get; init; } = PageSizes[0];

    /// <summary>Whether archived runs are listed.</summary>
    public bool ShowArchived { get; init; }

    /// <summary>Column ids (<see cref="RunColumn.Id"/>) in order; null means <see cref="DefaultColumns"/>.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The columns to show.</summary>
    public IReadOnlyList<string> ShownColumns => Columns ?? DefaultColumns;

    /// <summary>The sort as <see cref="VmatTracker.Data.Queries.RunListQuery.Sort"/> takes it.</summary>
    public string? StoreSort => SortKey is null ? null : (Descending ? "-" : "") + SortKey;

    /// <summary>
    /// Reads the address's values. Values that make no sense (a page of "x", a size not offered) fall back to the
    /// defaults rather than failing the page: an address is typed and edited by people.
    /// </summary>
    /// <param name="filter">The <c>filter</c> value.</param>
    /// <param name="sort">The <c>sort</c> value: a sort key, <c>-</c> first for descending.</param>
    /// <param name="page">The <c>page</c> value (1-based).</param>
    /// <param name="size">The <c>size</c> value.</param>
    /// <param name="archived">The <c>archived</c> value ("true" lists archived runs).</param>
    /// <param name="cols">The repeated <c>cols</c> values; the column form sends an empty one so that "no columns
    /// ticked" differs from "not chosen" (the defaults).</param>
    public static RunsView FromAddress(string? filter, string? sort, string? page, string? size, string? archived, IReadOnlyList<string>? cols)
    {
        var descending = sort?.StartsWith('-') == true;
        var key = descending ? sort![1..] : sort;
        return new RunsView
        {
            Filter = string.IsNullOrWhiteSpace(filter) ? null : filter,
            SortKey = string.IsNullOrWhiteSpace(key) ? null : key,
            Descending = descending && !string.IsNullOrWhiteSpace(key),
            Page = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1,
            PageSize = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && PageSizes.Contains(s) ? s : PageSizes[0],
            ShowArchived = archived is "true" or "on" or "1",
            Columns = cols is null || cols.Count == 0 ? null : [.. cols.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()],
        };
    }

    /// <summary>The next sort when <paramref name="sortKey"/>'s header is clicked: ascending, descending, then the
    /// store's default order (newest first) again, as MudBlazor's tables cycle; back to the first page.</summary>
    public RunsView SortedBy(string sortKey) => (SortKey == sortKey, Descending) switch
    {
        (false, _) => this with { SortKey = sortKey, Descending = false, Page = 1 },
        (true, false) => this with { Descending = true, Page = 1 },
        (true, true) => this with { SortKey = null, Descending = false, Page = 1 },
    };

    /// <summary>This view's address, relative to the app's base (defaults left out).</summary>
    public string Href
    {
        get
        {
            var query = new List<KeyValuePair<string, string?>>();
            Add("filter", Filter);
            Add("sort", StoreSort);
            Add("page", Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture));
            Add("size", PageSize == PageSizes[0] ? null : PageSize.ToString(CultureInfo.InvariantCulture));
            Add("archived", ShowArchived ? "true" : null);
            if (Columns is { } columns)
            {
                // The empty marker keeps "no columns" distinct from "the defaults", as the column form does.
                Add("cols", "");
                foreach (var column in columns)
                {
                    Add("cols", column);
                }
            }

            return QueryHelpers.AddQueryString("runs", query);

            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    query.Add(new(name, value));
                }
            }
        }
    }
}
