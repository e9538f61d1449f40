using System.Security.Cryptography;
using System.Text;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Scans a data folder: every <c>*.npz</c> directly inside it (as the reference's glob), sorted ordinally like
/// Python's sorted(), each read and validated on its own so one bad file never stops the others from being checked.
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

        var files = ListCaseFiles(fullPath);
        var reports = new List<CaseReport>(files.Count);
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = CheckCase(file);
            reports.Add(report);
            AppendToFingerprint(fingerprint, file);
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

    /// <summary>Reads and validates one case file; never throws for a bad file, only reports it.</summary>
    public static CaseReport CheckCase(string file)
    {
        var caseId = Path.GetFileNameWithoutExtension(file);
        var bytes = new FileInfo(file).Length;
        CaseVolume volume;
        try
        {
            volume = CaseFile.Read(file);
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

    private static void AppendToFingerprint(IncrementalHash fingerprint, string file)
    {
        // Name and content both count: renaming a case changes the split, so it changes the dataset.
        fingerprint.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
        using var stream = File.OpenRead(file);
        fingerprint.AppendData(SHA256.HashData(stream));
    }
}
