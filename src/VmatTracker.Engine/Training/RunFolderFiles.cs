using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Training;

/// <summary>
/// The run folder's files in the reference's shapes (reference-spec 5.2): metrics.csv (one row per epoch, the
/// reference's column names, empty where a metric was not logged), training_config.json (with
/// "val_metrics": "whole-volume"), training_summary.json and test_cases.json. Each write replaces the whole file through
/// a temporary name, so a run that dies mid-epoch leaves the previous, consistent version.
/// </summary>
public sealed class RunFolderFiles
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] s_leadingColumns = ["epoch", "step", "lr-AdamW"];
    private static readonly IReadOnlyDictionary<string, double> s_noRow = new Dictionary<string, double>();
    private readonly List<IReadOnlyDictionary<string, double>> _rows = [];

    /// <summary>Uses <paramref name="folder"/>, reading back metrics.csv when a resumed run already has one.</summary>
    public RunFolderFiles(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        if (File.Exists(MetricsPath))
        {
            _rows.AddRange(ReadMetrics(MetricsPath));
        }
    }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>metrics.csv.</summary>
    public string MetricsPath => Path.Combine(Folder, "metrics.csv");

    /// <summary>Rows written so far (a resumed run starts with the earlier ones).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Rows => _rows;

    /// <summary>Adds one epoch's row (dropping rows of this epoch or later, left by a run resumed from an earlier
    /// checkpoint) and rewrites metrics.csv.</summary>
    public void AppendEpoch(IReadOnlyDictionary<string, double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var epoch = row["epoch"];
        _rows.RemoveAll(r => r.TryGetValue("epoch", out var e) && e >= epoch);
        _rows.Add(row);
        var columns = s_leadingColumns.Concat(_rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)
            .Except(s_leadingColumns, StringComparer.Ordinal).Order(StringComparer.Ordinal)).ToArray();
        var text = new StringBuilder().AppendLine(string.Join(',', columns));
        foreach (var r in _rows)
        {
            text.AppendLine(string.Join(',', columns.Select(c => r.TryGetValue(c, out var v) ? Format(c, v) : "")));
        }

        WriteText(MetricsPath, text.ToString());
    }

    /// <summary>Writes training_config.json.</summary>
    public void WriteConfig(TrainerOptions options, long parameterCount, string site, DatasetReport dataset, DataSplit split,
        ComputeDevice device, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(device);
        var hparams = options.ToHyperParametersJson();

        var config = new JsonObject
        {
            ["script"] = "vmat train",
            ["version"] = "1.1.0",
            ["model"] = "BaselineUNet3D",
            ["architecture"] = "baseline",
            ["timestamp"] = timestamp.ToString("O", CultureInfo.InvariantCulture),
            ["hparams"] = hparams,
            ["model_params"] = parameterCount,
            ["val_metrics"] = TrainingMetrics.ValidationKind,
            ["site"] = site,
            ["device"] = device.Name,
            ["dataset"] = new JsonObject
            {
                ["path"] = Path.GetFullPath(dataset.Folder),
                ["fingerprint"] = dataset.Fingerprint,
                ["n_cases"] = dataset.Cases.Count,
            },
            ["split"] = JsonNode.Parse(split.ToJson()),
        };
        WriteText(Path.Combine(Folder, "training_config.json"), config.ToJsonString(s_json));
    }

    /// <summary>Writes test_cases.json as the reference does: {test_cases, test_files, seed}.</summary>
    public void WriteTestCases(DataSplit split, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(split);
        var json = new JsonObject
        {
            ["test_cases"] = new JsonArray([.. split.Test.Select(id => (JsonNode?)id)]),
            ["test_files"] = new JsonArray([.. split.Test.Select(id => (JsonNode?)Path.GetFullPath(Path.Combine(dataDir, id + ".npz")))]),
            ["seed"] = split.Seed,
        };
        WriteText(Path.Combine(Folder, "test_cases.json"), json.ToJsonString(s_json));
    }

    /// <summary>Writes training_summary.json from the metrics rows and the final state.</summary>
    public void WriteSummary(TrainerState state, string monitor, string status, bool stoppedEarly, string? failure)
    {
        ArgumentNullException.ThrowIfNull(state);
        var last = _rows.Count > 0 ? _rows[^1] : s_noRow;
        var maes = _rows.Where(r => r.ContainsKey("val/mae_gy")).Select(r => r["val/mae_gy"]).ToArray();
        var summary = new JsonObject
        {
            ["status"] = status,
            ["total_time_sec"] = state.ElapsedSeconds,
            ["total_time_hours"] = state.ElapsedSeconds / 3600,
            ["epochs_completed"] = state.EpochsCompleted,
            ["global_step"] = state.GlobalStep,
            ["stopped_early"] = stoppedEarly,
            ["final_metrics"] = new JsonObject
            {
                ["epoch"] = last.TryGetValue("epoch", out var e) ? (int)e : null,
                ["train_loss"] = Value(last, "train/loss_epoch"),
                ["val_loss"] = Value(last, "val/loss"),
                ["val_mae_gy"] = Value(last, "val/mae_gy"),
                ["val_gamma"] = Value(last, "val/gamma_3mm3pct"),
            },
            ["best_val_mae_gy"] = maes.Length > 0 ? maes.Min() : null,
            ["monitor"] = monitor,
            ["best_monitor_value"] = double.IsFinite(state.BestValue) ? state.BestValue : null,
            ["best_epoch"] = state.BestEpoch >= 0 ? state.BestEpoch : null,
            ["best_checkpoint"] = state.Best.Count > 0 ? state.Best[0].Path : null,
            ["failure"] = failure,
            ["val_metrics"] = TrainingMetrics.ValidationKind,
        };
        WriteText(Path.Combine(Folder, "training_summary.json"), summary.ToJsonString(s_json));
    }

    /// <summary>Reads a metrics.csv written by <see cref="AppendEpoch"/>.</summary>
    public static List<IReadOnlyDictionary<string, double>> ReadMetrics(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return [];
        }

        var columns = lines[0].Split(',');
        var rows = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            var row = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var c = 0; c < Math.Min(columns.Length, cells.Length); c++)
            {
                if (cells[c].Length > 0)
                {
                    row[columns[c]] = double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                        ? v
                        : throw new InvalidDataException($"{path} line {i + 1}, column '{columns[c]}': '{cells[c]}' is not a number");
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    private static JsonValue? Value(IReadOnlyDictionary<string, double> row, string key) =>
        row.TryGetValue(key, out var v) && double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string Format(string column, double value) => column is "epoch" or "step"
        ? ((long)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteText(string path, string text)
    {
        var temporary = path + ".partial";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
