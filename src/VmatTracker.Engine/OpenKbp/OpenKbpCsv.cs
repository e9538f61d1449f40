using System.Globalization;

namespace VmatTracker.Engine.OpenKbp;

/// <summary>
/// Reads and writes OpenKBP's sparse CSV files: a header line <c>,data</c>, then one <c>index,value</c> line per
/// non-zero voxel, the index flat in C order over OpenKBP's x, y, z. Mask files leave the value empty. Every problem
/// is an <see cref="OpenKbpFormatException"/> naming the file and line.
/// </summary>
public static class OpenKbpCsv
{
    /// <summary>
    /// Reads <paramref name="path"/>. With <paramref name="isMask"/> values may be empty (or numeric: the index alone
    /// marks the voxel); otherwise every value must be a finite number. A file with a header and no voxels is an error
    /// unless <paramref name="allowNoVoxels"/> (an all-zero prediction is a valid submission).
    /// </summary>
    public static SparseVolume Read(string path, bool isMask, bool allowNoVoxels = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new OpenKbpFormatException(path, "missing");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OpenKbpFormatException(path, $"cannot be read: {e.Message}", e);
        }

        if (lines.All(string.IsNullOrWhiteSpace))
        {
            throw new OpenKbpFormatException(path, "is empty (expected the header ',data' and index,value lines)");
        }

        var header = lines[0].Trim().TrimStart('\uFEFF');
        if (header.Split(',') is not [_, "data"])
        {
            throw new OpenKbpFormatException(path, $"line 1: the header is '{header}', expected ',data'");
        }

        var indices = new List<int>(lines.Length);
        var values = new List<double>(lines.Length);
        var firstLine = new Dictionary<int, int>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (index, value) = ParseLine(path, i + 1, line, isMask);
            if (!firstLine.TryAdd(index, i + 1))
            {
                throw new OpenKbpFormatException(path,
                    $"line {i + 1}: index {index} appears twice (first on line {firstLine[index]})");
            }

            indices.Add(index);
            values.Add(value);
        }

        if (indices.Count == 0 && !allowNoVoxels)
        {
            throw new OpenKbpFormatException(path, "holds only the header, no voxels");
        }

        return new SparseVolume([.. indices], [.. values]);
    }

    /// <summary>Reads voxel_dimensions.csv: three positive sizes in mm, one per line (blank lines skipped).</summary>
    public static double[] ReadVoxelDimensions(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new OpenKbpFormatException(path, "missing (three voxel sizes in mm, one per line)");
        }

        List<string> lines;
        try
        {
            lines = [.. File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OpenKbpFormatException(path, $"cannot be read: {e.Message}", e);
        }

        if (lines.Count != 3)
        {
            throw new OpenKbpFormatException(path, $"holds {lines.Count} values, expected three voxel sizes in mm");
        }

        var sizes = new double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(lines[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out sizes[i])
                || !double.IsFinite(sizes[i]) || sizes[i] <= 0)
            {
                throw new OpenKbpFormatException(path, $"value {i + 1} is '{lines[i].Trim()}', not a positive number of mm");
            }
        }

        return sizes;
    }

    /// <summary>
    /// Writes a sparse dose CSV: the header <c>,data</c> then one line per voxel with a value above zero, in ascending
    /// OpenKBP index order. <paramref name="contractValues"/> is a dense 128³ volume in contract (Y, X, Z) order.
    /// Values are written as the shortest text that reads back to the same float.
    /// </summary>
    public static void WriteValues(string path, ReadOnlySpan<float> contractValues)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (contractValues.Length != OpenKbpFormat.VoxelCount)
        {
            throw new ArgumentException(
                $"The volume has {contractValues.Length} voxels; OpenKBP files hold {OpenKbpFormat.VoxelCount} (128³).",
                nameof(contractValues));
        }

        var temporary = path + ".partial";
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                writer.NewLine = "\n";
                writer.WriteLine(",data");
                for (var index = 0; index < OpenKbpFormat.VoxelCount; index++)
                {
                    var value = contractValues[OpenKbpFormat.ToContractIndex(index)];
                    if (value > 0)
                    {
                        writer.Write(index.ToString(CultureInfo.InvariantCulture));
                        writer.Write(',');
                        writer.WriteLine(value.ToString("R", CultureInfo.InvariantCulture));
                    }
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (int Index, double Value) ParseLine(string path, int lineNumber, string line, bool isMask)
    {
        var fields = line.Split(',');
        if (fields.Length != 2)
        {
            throw new OpenKbpFormatException(path, $"line {lineNumber}: has {fields.Length} fields, expected index,value");
        }

        var indexText = fields[0].Trim();
        if (!long.TryParse(indexText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            throw new OpenKbpFormatException(path, $"line {lineNumber}: the index '{indexText}' is not a whole number");
        }

        if (index is < 0 or >= OpenKbpFormat.VoxelCount)
        {
            throw new OpenKbpFormatException(path,
                $"line {lineNumber}: the index {index} is outside 0..{OpenKbpFormat.VoxelCount - 1} (a 128³ volume)");
        }

        var valueText = fields[1].Trim();
        if (valueText.Length == 0)
        {
            return isMask
                ? ((int)index, 1.0)
                : throw new OpenKbpFormatException(path, $"line {lineNumber}: index {index} has no value");
        }

        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new OpenKbpFormatException(path,
                $"line {lineNumber}: the value '{valueText}' of index {index} is neither empty nor a finite number");
        }

        return ((int)index, isMask ? 1.0 : value);
    }
}
