using System.Globalization;
using System.Text.Json;

namespace VmatTracker.Web.Api;

/// <summary>
/// What a run's recorded config (or parameters) may hold: a reference training_config.json has about 70 keys in 3 kB.
/// A config is flattened, diffed and shown on every runs list and compare page, so one with 100,000 keys would cost
/// every later reader, not only the request that sent it.
/// </summary>
internal static class ConfigLimits
{
    /// <summary>The most keys a config may hold, counted at every level.</summary>
    public const int MaxKeys = 2000;

    /// <summary>The most bytes of JSON a config may take.</summary>
    public const int MaxBytes = 256 << 10;

    /// <summary>The problem with <paramref name="config"/> under these limits, or null.</summary>
    public static string? Problem(JsonElement config)
    {
        var bytes = config.GetRawText().Length;
        if (bytes > MaxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes of JSON, over the limit of {MaxBytes}; record large data as an artifact");
        }

        var keys = CountKeys(config);
        return keys > MaxKeys
            ? string.Create(CultureInfo.InvariantCulture, $"more than {MaxKeys} keys (counted at every level); record large data as an artifact")
            : null;
    }

    private static int CountKeys(JsonElement element)
    {
        // Iterative: the JSON reader has already bounded the depth at 64, but a walk need not rely on it.
        var count = 0;
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        while (pending.Count > 0 && count <= MaxKeys)
        {
            var next = pending.Pop();
            if (next.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in next.EnumerateObject())
                {
                    count++;
                    pending.Push(property.Value);
                }
            }
            else if (next.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in next.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }

        return count;
    }
}
