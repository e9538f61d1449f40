using System.Globalization;
using MudBlazor;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Access;

namespace VmatTracker.Web.Components.Pages;

/// <summary>The runs page's POST form: star, archive, delete (asked, then confirmed) and compare.</summary>
public sealed partial class Runs
{
    private async Task HandleActionAsync()
    {
        var (verb, runId) = ParseAction(PostedAction);
        try
        {
            switch (verb)
            {
                case "compare":
                    Compare();
                    return;
                case "cancel":
                    // Nothing changed: the rows read with the page are current.
                    return;
                case "star" when Row(runId) is { } run:
                    await Recorder.SetStarredAsync(run.Id, !run.Starred, CancellationToken.None);
                    break;
                case "archive" when Row(runId) is { } run:
                    await Recorder.SetArchivedAsync(run.Id, !IsArchived(run), CancellationToken.None);
                    Show(Severity.Info, IsArchived(run) ? $"Run {run.Id} restored." : $"Run {run.Id} archived (\"Show archived\" lists it).");
                    break;
                case "delete" when Row(runId) is { } run:
                    var detail = await Queries.GetAsync(run.Id, CancellationToken.None);
                    _pendingDeleteFolder = detail?.Artifacts.FirstOrDefault(a => a.Kind == RunRecorder.RunFolderArtifactKind)?.Path;
                    _pendingDelete = run;
                    return;
                case "confirm-delete" when runId is { } id:
                    await DeleteAsync(id);
                    break;
                case "star" or "archive" or "delete":
                    // The run is not on this page any more (deleted, or filtered away in another tab).
                    Show(Severity.Warning, $"Run {runId} is not in this list any more; nothing was changed.");
                    return;
                default:
                    Show(Severity.Error, $"Unknown action '{PostedAction}'.");
                    return;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or UnknownRunException)
        {
            Show(Severity.Error, e.Message);
        }

        await LoadAsync();
    }

    private static (string Verb, long? RunId) ParseAction(string? action)
    {
        var separator = action?.IndexOf(':') ?? -1;
        if (action is null || separator < 0)
        {
            return (action ?? "", null);
        }

        return (action[..separator],
            long.TryParse(action[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    private RunListItem? Row(long? runId) => _rows.FirstOrDefault(r => r.Id == runId);

    private void Compare()
    {
        if (_selected.Count < 2)
        {
            Show(Severity.Info, "Tick two or more runs to compare them.");
            return;
        }

        Navigation.NavigateTo("compare?runs=" + string.Join(",", _selected.Order()));
    }

    private async Task DeleteAsync(long runId)
    {
        var deletion = await Removal.DeleteAsync(Actor.LocalUser, runId, CancellationToken.None);
        _selected.Remove(runId);
        Show(deletion.FolderProblem is null ? Severity.Success : Severity.Warning, deletion switch
        {
            { FolderDeleted: true } => $"Run {runId} deleted with its folder {deletion.Folder}.",
            { Folder: not null } => $"Run {runId} deleted; its folder {deletion.Folder} was not removed: {deletion.FolderProblem}.",
            _ => $"Run {runId} deleted.",
        });
    }
}
