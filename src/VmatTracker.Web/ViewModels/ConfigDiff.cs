using System.Text.Json;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The configuration keys whose values differ between runs: each config is flattened (nested objects joined with
/// dots, arrays and scalars as their JSON text) and only keys whose text is not the same in every run are kept; a
/// key a run does not have counts as a difference (shown as null).
/// </summary>
public static class ConfigDiff
{
    /// <summary>The differing keys, in ordinal order, with each run's value (null: not in that run's config).</summary>
    public static IReadOnlyList<ConfigDifference> Of(IReadOnlyList<string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var flat = configs.Select(Flatten).ToList();
        return [.. flat.SelectMany(f => f.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(key => new ConfigDifference(key, [.. flat.Select(f => f.GetValueOrDefault(key))]))
            .Where(row => row.Values.Distinct().Count() > 1)];
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, "", values);
        }
        catch (JsonException)
        {
            values["(config)"] = json;
        }

        return values;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, into);
            }
        }
        else
        {
            into[path.Length == 0 ? "(config)" : path] = element.GetRawText();
        }
    }
}
