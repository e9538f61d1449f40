using Microsoft.AspNetCore.Components;
using VmatTracker.Web.Services;

namespace VmatTracker.Web.Components.Layout;

/// <summary>
/// Banners for problems of the server rather than of a page: an unusable tracking database, a missing or unreadable
/// data folder, and listening on an address other machines can reach while there are no accounts. While the database
/// is unusable, pages that need it are replaced by a short note instead of failing.
/// </summary>
public sealed partial class HealthBanners : IDisposable
{
    /// <summary>Pages that work without the tracking database (base-relative paths).</summary>
    private static readonly string[] s_pagesWithoutDatabase = ["", "datasets", "settings", "not-found", "Error"];

    private IDisposable? _subscription;

    /// <summary>The page.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Database and address state.</summary>
    [Inject]
    public required ServerHealth Health { get; init; }

    /// <summary>Data folder state.</summary>
    [Inject]
    public required DatasetState Dataset { get; init; }

    /// <summary>For the current page's address.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    private bool NeedsDatabase
    {
        get
        {
            var path = Navigation.ToBaseRelativePath(Navigation.Uri);
            path = path.Split('?', '#')[0].TrimEnd('/');
            return !s_pagesWithoutDatabase.Contains(path, StringComparer.OrdinalIgnoreCase);
        }
    }

    private string? DataFolderProblem
    {
        get
        {
            var snapshot = Dataset.Current;
            if (snapshot.Phase == DatasetPhase.Failed)
            {
                return $"{snapshot.Folder}: {snapshot.Message}";
            }

            return snapshot.Report is { FolderProblems.Count: > 0 } report ? string.Join(" ", report.FolderProblems) : null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc />
    protected override void OnInitialized() =>
        _subscription = Dataset.Subscribe(() => InvokeAsync(StateHasChanged));
}
