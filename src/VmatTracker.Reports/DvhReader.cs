using System.Text.Json;
using VmatTracker.Data.Queries;

namespace VmatTracker.Reports;

/// <summary>
/// Finds a run's cumulative DVH files: a folder recorded as an artifact of kind <c>dvh</c>, else the <c>dvh/</c>
/// folder beside the evaluation file the store names as the evaluation's source (where <c>vmat evaluate</c> writes it).
/// </summary>
internal static class DvhReader
{
    public static (DvhCurves? Curves, string? Missing) Read(RunDetail detail, RunEvaluation? evaluation)
    {
        var folders = detail.Artifacts.Where(a => a.Kind == "dvh")
            .Select(a => Directory.Exists(a.Path) ? a.Path : Path.GetDirectoryName(a.Path))
            .Append(evaluation?.Source is { } source ? Path.Combine(Path.GetDirectoryName(source) ?? ".", "dvh") : null)
            .OfType<string>().ToList();
        var folder = folders.FirstOrDefault(f => Directory.Exists(f) && Directory.EnumerateFiles(f, "*.json").Any());
        if (folder is null)
        {
            return (null, folders.Count == 0 ? "no DVH curves stored" : $"no DVH files found in {string.Join(", ", folders)}");
        }

        var cases = new Dictionary<string, IReadOnlyDictionary<string, DvhCurve>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                var structures = new Dictionary<string, DvhCurve>(StringComparer.Ordinal);
                foreach (var structure in document.RootElement.EnumerateObject())
                {
                    structures[structure.Name] = new DvhCurve(Numbers(structure.Value, "dose_gy"),
                        Numbers(structure.Value, "volume_pct"), Numbers(structure.Value, "truth_volume_pct"));
                }

                cases[Path.GetFileNameWithoutExtension(file)] = structures;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IOException)
            {
                return (null, $"{file}: not a DVH file ({ex.Message})");
            }
        }

        return (new DvhCurves(folder, cases), null);
    }

    private static double[] Numbers(JsonElement structure, string name) =>
        [.. structure.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
