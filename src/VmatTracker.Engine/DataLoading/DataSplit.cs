using System.Text.Json;
using System.Text.Json.Serialization;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// A train / validation / test split of case IDs. <see cref="FromSeed"/> reproduces the reference exactly
/// (reference-spec 1.7): sorted file names, numpy <c>RandomState(seed).permutation(n)</c>, n_val = n_test =
/// max(1, int(0.1 n)), train first, then val, then test; each list in permutation order.
/// </summary>
public sealed record DataSplit
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    /// <summary>Training case IDs, in permutation order.</summary>
    [JsonPropertyName("train")]
    public required IReadOnlyList<string> Train { get; init; }

    /// <summary>Validation case IDs, in permutation order.</summary>
    [JsonPropertyName("val")]
    public required IReadOnlyList<string> Validation { get; init; }

    /// <summary>Test case IDs, in permutation order.</summary>
    [JsonPropertyName("test")]
    public required IReadOnlyList<string> Test { get; init; }

    /// <summary>The seed that made the split, or null for a split locked by a file.</summary>
    [JsonIgnore]
    public int? Seed { get; init; }

    /// <summary>The reference's seeded split of <paramref name="caseIds"/> (file stems; sorted here ordinally).</summary>
    public static DataSplit FromSeed(IEnumerable<string> caseIds, int seed)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        var sorted = caseIds.Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length < 3)
        {
            throw new ArgumentException(
                $"A split needs at least 3 cases (one each for train, val and test); the dataset has {sorted.Length}.",
                nameof(caseIds));
        }

        var n = sorted.Length;
        var nHeldOut = Math.Max(1, (int)(0.1 * n));
        var nTrain = n - (2 * nHeldOut);
        var permutation = new NumpyRandomState(seed).Permutation(n);
        return new DataSplit
        {
            Train = [.. permutation[..nTrain].Select(i => sorted[i])],
            Validation = [.. permutation[nTrain..(nTrain + nHeldOut)].Select(i => sorted[i])],
            Test = [.. permutation[(nTrain + nHeldOut)..].Select(i => sorted[i])],
            Seed = seed,
        };
    }

    /// <summary>
    /// A split locked by a JSON file of the same shape ({"train":[...],"val":[...],"test":[...]}). Every ID must be
    /// one of <paramref name="availableCaseIds"/> and appear once.
    /// </summary>
    public static DataSplit FromLockFile(string path, IEnumerable<string> availableCaseIds)
    {
        ArgumentNullException.ThrowIfNull(availableCaseIds);
        DataSplit? split;
        try
        {
            split = JsonSerializer.Deserialize<DataSplit>(File.ReadAllText(path), s_json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a split file ({ex.Message})", ex);
        }

        if (split is null)
        {
            throw new InvalidDataException($"{path}: not a split file (expected {{\"train\":[...],\"val\":[...],\"test\":[...]}})");
        }

        var available = availableCaseIds.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (list, name) in new[] { (split.Train, "train"), (split.Validation, "val"), (split.Test, "test") })
        {
            foreach (var id in list)
            {
                if (!available.Contains(id))
                {
                    throw new InvalidDataException($"{path}: '{name}' names case '{id}', which is not in the dataset");
                }

                if (!seen.Add(id))
                {
                    throw new InvalidDataException($"{path}: case '{id}' appears more than once");
                }
            }
        }

        return split;
    }

    /// <summary>The split as the JSON the CLI prints: {"train":[...],"val":[...],"test":[...]}.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}
