using System.Text.Json;
using VmatTracker.Data.Recording;

namespace VmatTracker.Data.Import;

/// <summary>
/// Turns an evaluation_results.json (the older flat gamma shape and the later nested one alike) into values:
/// every numeric leaf of aggregate_metrics is an aggregate named by its JSON path; every numeric leaf of a
/// per_case_results entry is a case value. Under dvh_metrics, dose_metrics.per_structure_mae and
/// clinical_constraints the next name is the structure.
/// </summary>
internal static class EvaluationJsonReader
{
    public static List<EvaluationValueInfo> Read(JsonElement root)
    {
        var values = new List<EvaluationValueInfo>();
        if (root.TryGetProperty("aggregate_metrics", out var aggregate))
        {
            Walk(aggregate, string.Empty, caseId: null, values);
        }

        if (root.TryGetProperty("per_case_results", out var cases) && cases.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in cases.EnumerateArray())
            {
                var caseId = entry.TryGetProperty("case_id", out var id) ? id.ToString() : null;
                Walk(entry, string.Empty, caseId ?? "unknown", values);
            }
        }

        return values;
    }

    private static void Walk(JsonElement element, string path, string? caseId, List<EvaluationValueInfo> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, caseId, into);
                }

                break;
            case JsonValueKind.Number:
                var (structure, metric) = SplitStructure(path);
                if (metric.Length <= StoreLimits.KeyLength)
                {
                    into.Add(new EvaluationValueInfo(caseId, structure, metric, element.GetDouble()));
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                var (s, m) = SplitStructure(path);
                into.Add(new EvaluationValueInfo(caseId, s, m, element.ValueKind == JsonValueKind.True ? 1 : 0));
                break;
            default:
                break;
        }
    }

    private static (string? Structure, string Metric) SplitStructure(string path)
    {
        foreach (var prefix in new[] { "dvh_metrics.", "dose_metrics.per_structure_mae.", "per_structure_mae.", "clinical_constraints." })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = path[prefix.Length..];
                var dot = rest.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0)
                {
                    return (rest[..dot], prefix + rest[(dot + 1)..]);
                }
            }
        }

        return (null, path);
    }
}
