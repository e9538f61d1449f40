namespace VmatTracker.Engine.OpenKbp;

/// <summary>
/// Writes OpenKBP submission files (<c>pt_N.csv</c>) from a predicted dose, as OpenKBP's baseline does: the dose is
/// multiplied by the possible-dose mask, negatives become zero, and only voxels above zero are listed, in ascending
/// OpenKBP index order, in Gy.
/// </summary>
public static class OpenKbpSubmission
{
    /// <summary>The submission file name of a patient: <c>pt_N.csv</c>.</summary>
    public static string FileName(string patientId) => patientId + ".csv";

    /// <summary>
    /// Writes <paramref name="predictedDose"/> (contract (Y, X, Z) order, 128³) times <paramref name="gyPerUnit"/>
    /// (70 for a dose normalised to the head-and-neck prescription, 1 for Gy) to <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<float> predictedDose, ReadOnlySpan<byte> possibleDoseMask, double gyPerUnit = 1.0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (predictedDose.Length != OpenKbpFormat.VoxelCount || possibleDoseMask.Length != OpenKbpFormat.VoxelCount)
        {
            throw new ArgumentException(
                $"OpenKBP submissions are 128³ ({OpenKbpFormat.VoxelCount} voxels); got a dose of {predictedDose.Length} and a mask of {possibleDoseMask.Length}.");
        }

        if (!double.IsFinite(gyPerUnit) || gyPerUnit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gyPerUnit), gyPerUnit, "must be a positive number of Gy");
        }

        var gy = new float[predictedDose.Length];
        for (var i = 0; i < gy.Length; i++)
        {
            var value = possibleDoseMask[i] != 0 ? predictedDose[i] * gyPerUnit : 0;
            gy[i] = value > 0 ? (float)value : 0f;
        }

        OpenKbpCsv.WriteValues(path, gy);
    }

    /// <summary>Reads the possible-dose mask an OpenKBP import stored in a case file; null when it has none.</summary>
    public static byte[]? ReadPossibleDoseMask(string caseFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseFile);
        using var npz = DataLoading.Numpy.NpzReader.Open(caseFile);
        return npz.Contains(OpenKbpFormat.PossibleDoseMaskKey)
            ? npz.ReadBytes(OpenKbpFormat.PossibleDoseMaskKey, out _)
            : null;
    }
}
