using System.Globalization;
using VmatTracker.Engine.OpenKbp;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>
/// The shared OpenKBP sample (12 real patients, never committed) and small OpenKBP-format folders written at test time.
/// The sample is found by walking up from the test binaries to a folder holding shared/datasets/openkbp-sample; without
/// it a test is skipped locally and fails under CI (CI=true).
/// </summary>
internal static class OpenKbpSample
{
    private const string Relative = "shared/datasets/openkbp-sample/train-pats";

    private static readonly Lazy<string?> s_folder = new(Find);

    /// <summary>The sample's train-pats folder; skips (or fails under CI) when it is not there.</summary>
    public static string RequireFolder()
    {
        if (s_folder.Value is { } folder)
        {
            return folder;
        }

        var message = $"This test needs the OpenKBP sample ({Relative} in a folder above {AppContext.BaseDirectory})";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + "; CI must provide it.");
        }

        Assert.Skip(message + ".");
        return "";
    }

    /// <summary>The folder of sample patient <paramref name="id"/>.</summary>
    public static string Patient(string id) => Path.Combine(RequireFolder(), id);

    /// <summary>A folder in <paramref name="temp"/> holding links to the named sample patients only.</summary>
    public static string Subset(TempFolder temp, string name, params string[] ids)
    {
        var folder = temp.File(name);
        Directory.CreateDirectory(folder);
        foreach (var id in ids)
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, id), Patient(id));
        }

        return folder;
    }

    /// <summary>Flat OpenKBP index of (x, y, z).</summary>
    public static int Index(int x, int y, int z) => (((x * OpenKbpFormat.Side) + y) * OpenKbpFormat.Side) + z;

    /// <summary>Writes a sparse value CSV (index,value lines after the ',data' header).</summary>
    public static void WriteValues(string path, IEnumerable<(int Index, double Value)> values) =>
        File.WriteAllLines(path, [",data", .. values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Index},{v.Value:R}"))]);

    /// <summary>Writes a sparse mask CSV (index lines with an empty value).</summary>
    public static void WriteMask(string path, IEnumerable<int> indices) =>
        File.WriteAllLines(path, [",data", .. indices.Select(i => i.ToString(CultureInfo.InvariantCulture) + ",")]);

    /// <summary>
    /// Writes a small valid patient: 4 × 4 × 2.5 mm voxels, a PTV70 cube (x 60-63, y 60-63, z 60-63) at 70 Gy, a
    /// SpinalCord column (x 80, y 64, z 50-69) at 20 Gy, a possible-dose mask around both, and soft tissue CT.
    /// </summary>
    public static string WriteSyntheticPatient(string parent, string id)
    {
        var folder = Path.Combine(parent, id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OpenKbpFormat.VoxelDimensionsFile), "4.0\n4.0\n2.5\n");
        var ptv = Cube(60, 63, 60, 63, 60, 63).ToList();
        var cord = Enumerable.Range(50, 20).Select(z => Index(80, 64, z)).ToList();
        var possible = Cube(55, 85, 55, 70, 45, 75).ToList();
        WriteMask(Path.Combine(folder, "PTV70.csv"), ptv);
        WriteMask(Path.Combine(folder, "SpinalCord.csv"), cord);
        WriteMask(Path.Combine(folder, OpenKbpFormat.PossibleDoseMaskFile), possible);
        WriteValues(Path.Combine(folder, OpenKbpFormat.DoseFile),
            ptv.Select(i => (i, 70.0)).Concat(cord.Select(i => (i, 20.0))));
        WriteValues(Path.Combine(folder, OpenKbpFormat.CtFile), possible.Select(i => (i, 1064.0)));
        return folder;
    }

    /// <summary>Flat indices of the box x0..x1, y0..y1, z0..z1 (inclusive).</summary>
    public static IEnumerable<int> Cube(int x0, int x1, int y0, int y1, int z0, int z1) =>
        from x in Enumerable.Range(x0, x1 - x0 + 1)
        from y in Enumerable.Range(y0, y1 - y0 + 1)
        from z in Enumerable.Range(z0, z1 - z0 + 1)
        select Index(x, y, z);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, Relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
