using System.Globalization;
using System.Text.Json;
using VmatTracker.Data.Entities;

namespace VmatTracker.Data.Recording;

/// <summary>Turns a JSON object into query rows: nested objects join their keys with dots, names are kept as given.</summary>
public static class ParameterFlattener
{
    /// <summary>Flattens <paramref name="json"/> (a JSON object) into parameters of <paramref name="runId"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a JSON object.</exception>
    public static List<RunParameter> Flatten(long runId, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The configuration is not valid JSON: {ex.Message}", nameof(json), ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The configuration must be a JSON object.", nameof(json));
            }

            var parameters = new List<RunParameter>();
            Add(runId, prefix: null, document.RootElement, parameters);
            return parameters;
        }
    }

    private static void Add(long runId, string? prefix, JsonElement element, List<RunParameter> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix is null ? property.Name : prefix + "." + property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object)
            {
                Add(runId, key, value, into);
                continue;
            }

            if (key.Length > StoreLimits.KeyLength)
            {
                continue;
            }

            into.RemoveAll(p => p.Key == key);
            into.Add(value.ValueKind switch
            {
                JsonValueKind.True => new RunParameter { RunId = runId, Key = key, Text = "true", Number = 1 },
                JsonValueKind.False => new RunParameter { RunId = runId, Key = key, Text = "false", Number = 0 },
                JsonValueKind.Number => new RunParameter
                {
                    RunId = runId,
                    Key = key,
                    Text = value.GetRawText(),
                    Number = value.GetDouble(),
                },
                JsonValueKind.String => new RunParameter
                {
                    RunId = runId,
                    Key = key,
                    Text = value.GetString(),
                    Number = double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture,
                        out var number) && double.IsFinite(number) ? number : null,
                },
                JsonValueKind.Null => new RunParameter { RunId = runId, Key = key },
                _ => new RunParameter { RunId = runId, Key = key, Text = value.GetRawText() },
            });
        }
    }
}
