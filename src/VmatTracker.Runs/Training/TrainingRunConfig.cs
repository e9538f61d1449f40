using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Training;

/// <summary>
/// A run's configuration as the store keeps it: the reference's hyper-parameters (training_config.json's "hparams")
/// plus "val_metrics", and the group key that puts runs differing only in seed (and name, and log folder) together.
/// </summary>
public static class TrainingRunConfig
{
    /// <summary>Hyper-parameters that do not change what a run is, only which repetition it is or where it is filed.</summary>
    public static readonly IReadOnlySet<string> NotInGroupKey = new HashSet<string>(StringComparer.Ordinal) { "seed", "exp_name", "log_dir", "cache_budget_mib" };

    /// <summary>The hyper-parameters as a JSON object, plus "val_metrics": "whole-volume".</summary>
    public static JsonObject ToJson(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = options.ToHyperParametersJson();
        json["val_metrics"] = TrainingMetrics.ValidationKind;
        return json;
    }

    /// <summary>
    /// The first 16 hex digits of the SHA-256 of the sorted configuration without <see cref="NotInGroupKey"/>: equal for
    /// seeds of one recipe on one dataset folder, different as soon as any other setting differs.
    /// </summary>
    public static string GroupKey(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        foreach (var (key, value) in ToJson(options).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!NotInGroupKey.Contains(key))
            {
                text.Append(key).Append('=').Append(value?.ToJsonString() ?? "null").Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
