namespace VmatTracker.Data.Import;

/// <summary>What an import did: runs imported, run folders skipped (with why), and problems in files that were
/// otherwise imported (a malformed file is named with its line or JSON path).</summary>
public sealed class ImportReport
{
    /// <summary>Run folders imported, with their new run IDs.</summary>
    public List<(string Folder, long RunId)> Imported { get; } = [];

    /// <summary>Run folders skipped and why (already imported, no training_config.json...).</summary>
    public List<(string Folder, string Reason)> Skipped { get; } = [];

    /// <summary>Problems that did not stop the run's import.</summary>
    public List<string> Problems { get; } = [];
}
