using System.Text.Json;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The cumulative DVHs of one case from the evaluation's <c>dvh/&lt;case&gt;.json</c> file:
/// <c>{structure: {dose_gy, volume_pct, truth_volume_pct}}</c>. <see cref="Problem"/> says why there are none.
/// </summary>
/// <param name="Structures">Curves by structure.</param>
/// <param name="Problem">Why the file could not be read, or null.</param>
public sealed record DvhCurves(IReadOnlyList<DvhCurve> Structures, string? Problem)
{
    /// <summary>Reads <c>FOLDER/dvh/CASE.json</c>.</summary>
    public static DvhCurves Read(string? folder, string caseId)
    {
        if (folder is null)
        {
            return new DvhCurves([], "the evaluation does not say where its files are");
        }

        var path = Path.Combine(folder, "dvh", caseId + ".json");
        if (!File.Exists(path))
        {
            return new DvhCurves([], $"{path} does not exist");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var curves = new List<DvhCurve>();
            foreach (var structure in document.RootElement.EnumerateObject())
            {
                curves.Add(new DvhCurve(structure.Name, Numbers(structure, "dose_gy", path),
                    Numbers(structure, "truth_volume_pct", path), Numbers(structure, "volume_pct", path)));
            }

            return new DvhCurves(curves, null);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            return new DvhCurves([], $"{path}: {e.Message}");
        }
    }

    private static double[] Numbers(JsonProperty structure, string key, string path) =>
        structure.Value.ValueKind == JsonValueKind.Object && structure.Value.TryGetProperty(key, out var list)
        && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(v => v.GetDouble())]
            : throw new FormatException($"{path}: structure '{structure.Name}' has no array '{key}'");
}
