namespace VmatTracker.Runs.Commands;

/// <summary>What deleting a run did: its rows are gone; its folder was removed, or why not.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Folder">The run folder it recorded, if any.</param>
/// <param name="FolderDeleted">Whether that folder was removed.</param>
/// <param name="FolderProblem">Why it was not, when it was not.</param>
public sealed record RunDeletion(long RunId, string? Folder, bool FolderDeleted, string? FolderProblem);
