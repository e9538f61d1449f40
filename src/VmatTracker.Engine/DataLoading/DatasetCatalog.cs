using System.Security.Cryptography;
using System.Text;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Scans a data folder: every <c>*.npz</c> directly inside it (as the reference's glob), sorted ordinally like
/// Python's sorted(), each read and validated on its own so one bad file never stops the others from being checked.
/// Only regular files inside the folder are opened (<see cref="DataFolderEntries"/>), within <see cref="CaseLimits"/>.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>The .npz files of <paramref name="folder"/>, sorted ordinally by file name.</summary>
    public static IReadOnlyList<string> ListCaseFiles(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.npz", SearchOption.TopDirectoryOnly)
                .Where(f => string.Equals(Path.GetExtension(f), ".npz", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Validates every case of <paramref name="folder"/> and fingerprints the dataset.</summary>
    /// <param name="folder">The data folder.</param>
    /// <param name="progress">Told about each case as it is checked (for progress displays).</param>
    /// <param name="cancellationToken">Stops between cases.</param>
    public static DatasetReport Scan(string folder, IProgress<CaseReport>? progress = null,
        CancellationToken cancellationToken = default) => Scan(folder, CaseLimits.Default, progress, cancellationToken);

    /// <summary>Validates every case of <paramref name="folder"/> within <paramref name="limits"/> and fingerprints the dataset.</summary>
    /// <param name="folder">The data folder.</param>
    /// <param name="limits">What one case may make the readers allocate.</param>
    /// <param name="progress">Told about each case as it is checked (for progress displays).</param>
    /// <param name="cancellationToken">Stops between cases.</param>
    public static DatasetReport Scan(string folder, CaseLimits limits, IProgress<CaseReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var fullPath = Path.GetFullPath(folder);
        if (!Directory.Exists(fullPath))
        {
            return new DatasetReport
            {
                Folder = fullPath,
                Cases = [],
                FolderProblems = [$"{fullPath}: the data folder does not exist"],
                Fingerprint = EmptyFingerprint,
            };
        }

        string resolvedRoot;
        try
        {
            resolvedRoot = DataFolderEntries.Resolve(fullPath);
        }
        catch (IOException e)
        {
            return new DatasetReport
            {
                Folder = fullPath,
                Cases = [],
                FolderProblems = [$"{fullPath}: the data folder cannot be resolved: {e.Message}"],
                Fingerprint = EmptyFingerprint,
            };
        }

        var files = ListCaseFiles(fullPath);
        var reports = new List<CaseReport>(files.Count);
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var refusal = DataFolderEntries.Refusal(file, resolvedRoot);
            var report = refusal is null
                ? CheckCase(file, limits)
                : new CaseReport { CaseId = Path.GetFileNameWithoutExtension(file), FilePath = file, Problems = [$"{file}: {refusal}"] };
            reports.Add(report);
            AppendToFingerprint(fingerprint, file, readable: refusal is null);
            progress?.Report(report);
        }

        return new DatasetReport
        {
            Folder = fullPath,
            Cases = reports,
            FolderProblems = files.Count == 0 ? [$"{fullPath}: the folder holds no .npz case files"] : [],
            Fingerprint = files.Count == 0 ? EmptyFingerprint : Convert.ToHexStringLower(fingerprint.GetHashAndReset()),
        };
    }

    /// <summary>
    /// Reads and validates one case file; never throws for a bad file, only reports it. The caller has checked that it
    /// is a regular file (<see cref="DataFolderEntries.Refusal"/>).
    /// </summary>
    public static CaseReport CheckCase(string file, CaseLimits? limits = null)
    {
        var caseId = Path.GetFileNameWithoutExtension(file);
        long bytes = 0;
        CaseVolume volume;
        try
        {
            bytes = new FileInfo(file).Length;
            volume = CaseFile.Read(file, limits);
        }
        catch (CaseFormatException ex)
        {
            return new CaseReport { CaseId = caseId, FilePath = file, FileBytes = bytes, Problems = [ex.Message] };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new CaseReport
            {
                CaseId = caseId,
                FilePath = file,
                FileBytes = bytes,
                Problems = [$"{file}: cannot be read: {ex.Message}"],
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reader bug must cost one entry, not the scan: the readers are meant to throw only the two above.
            return new CaseReport
            {
                CaseId = caseId,
                FilePath = file,
                FileBytes = bytes,
                Problems = [$"{file}: cannot be read (unexpected {ex.GetType().Name}: {ex.Message})"],
            };
        }

        var (problems, warnings, absent) = CaseValidator.Validate(volume, file);
        return new CaseReport
        {
            CaseId = caseId,
            FilePath = file,
            FileBytes = bytes,
            Problems = problems,
            Warnings = warnings,
            Shape = volume.Shape,
            Spacing = volume.Spacing,
            Site = volume.Metadata.Site,
            ChannelCount = volume.ChannelCount,
            AbsentStructures = absent,
        };
    }

    private static string EmptyFingerprint => Convert.ToHexStringLower(SHA256.HashData([]));

    private static void AppendToFingerprint(IncrementalHash fingerprint, string file, bool readable)
    {
        // Name and content both count: renaming a case changes the split, so it changes the dataset. An entry that may
        // not be opened (a FIFO, a link out of the folder) counts by its name alone.
        fingerprint.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
        if (!readable)
        {
            fingerprint.AppendData("not read\0"u8);
            return;
        }

        try
        {
            using var stream = File.OpenRead(file);
            fingerprint.AppendData(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fingerprint.AppendData("unreadable\0"u8);
        }
    }
}
