namespace VmatTracker.Engine.DataLoading;

/// <summary>The validation of a whole data folder: one report per .npz file, plus folder-level problems.</summary>
public sealed record DatasetReport
{
    /// <summary>The folder scanned (full path).</summary>
    public required string Folder { get; init; }

    /// <summary>One report per .npz file, in sorted (ordinal) file-name order.</summary>
    public required IReadOnlyList<CaseReport> Cases { get; init; }

    /// <summary>Problems with the folder itself (missing, or holding no .npz files).</summary>
    public IReadOnlyList<string> FolderProblems { get; init; } = [];

    /// <summary>SHA-256 over the sorted file names and contents: equal fingerprints mean byte-identical data.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>True when the folder has cases and every one of them is valid.</summary>
    public bool IsValid => FolderProblems.Count == 0 && Cases.All(c => c.IsValid);

    /// <summary>The cases with problems.</summary>
    public IEnumerable<CaseReport> InvalidCases => Cases.Where(c => !c.IsValid);

    /// <summary>Every case ID, valid or not, in sorted order (the split uses all of them, as the reference does).</summary>
    public IEnumerable<string> CaseIds => Cases.Select(c => c.CaseId);
}
