namespace VmatTracker.Data.Recording;

/// <summary>What deleting a run removed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Folder">Its run folder, when it recorded one.</param>
/// <param name="FolderDeleted">Whether the folder was removed.</param>
/// <param name="FolderProblem">Why the folder was not removed, when it was not.</param>
public sealed record RunDeletion(long RunId, string? Folder, bool FolderDeleted, string? FolderProblem);
