using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VmatTracker.Data.Recording;

namespace VmatTracker.Data.Import;

/// <summary>
/// Imports the reference pipeline's run folders through <see cref="RunRecorder"/>. DIR is a project root holding
/// runs/ (and predictions/), a runs/ folder, or one run folder. A run is identified by its experiment name and the
/// training_config.json timestamp, so importing twice does not duplicate. Missing pieces are reported and skipped; a
/// malformed file is named with the line or JSON path at fault and the rest still imports.
/// </summary>
public sealed partial class RunImporter(RunRecorder recorder)
{
    /// <summary>Imports every run folder under <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public async Task<ImportReport> ImportAsync(string directory, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
        }

        var report = new ImportReport();
        var (root, runFolders) = Discover(folder);
        foreach (var runFolder in runFolders)
        {
            await ImportRunAsync(root, runFolder, report, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    private static (string Root, List<string> RunFolders) Discover(string folder)
    {
        if (File.Exists(Path.Combine(folder, "training_config.json")))
        {
            var parent = Path.GetDirectoryName(folder)!;
            return (Path.GetFileName(parent) == "runs" ? Path.GetDirectoryName(parent)! : parent, [folder]);
        }

        var runs = Directory.Exists(Path.Combine(folder, "runs")) ? Path.Combine(folder, "runs") : folder;
        var root = runs == folder ? Path.GetDirectoryName(folder)! : folder;
        return (root, [.. Directory.GetDirectories(runs).Order(StringComparer.Ordinal)]);
    }

    private async Task ImportRunAsync(string root, string runFolder, ImportReport report, CancellationToken cancellationToken)
    {
        var experiment = Path.GetFileName(runFolder);
        var configPath = Path.Combine(runFolder, "training_config.json");
        if (!File.Exists(configPath))
        {
            report.Skipped.Add((runFolder, "no training_config.json"));
            return;
        }

        var configText = await File.ReadAllTextAsync(configPath, cancellationToken).ConfigureAwait(false);
        using var config = ParseJson(configPath, configText, report.Problems);
        if (config is null || config.RootElement.ValueKind != JsonValueKind.Object)
        {
            report.Skipped.Add((runFolder, "training_config.json is not a JSON object"));
            return;
        }

        var timestamp = config.RootElement.TryGetProperty("timestamp", out var t) ? t.ToString() : null;
        var created = DateTime.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)
            ? when : File.GetLastWriteTimeUtc(configPath);
        var duration = await ReadDurationAsync(Path.Combine(runFolder, "training_summary.json"), report.Problems, cancellationToken).ConfigureAwait(false);
        var dataset = await ReadTestCasesAsync(Path.Combine(runFolder, "test_cases.json"), report.Problems, cancellationToken).ConfigureAwait(false);
        long runId;
        try
        {
            runId = await recorder.CreateRunAsync(new NewRun
            {
                Experiment = experiment,
                Name = experiment,
                ConfigJson = configText,
                ParametersJson = config.RootElement.TryGetProperty("hparams", out var hparams) && hparams.ValueKind == JsonValueKind.Object
                    ? hparams.GetRawText() : null,
                Status = RunStatus.Completed,
                CreatedAt = created,
                StartedAt = created,
                EndedAt = duration is { } seconds ? created.AddSeconds(seconds) : null,
                DurationSeconds = duration,
                SourceKey = $"reference:{experiment}:{timestamp ?? "no-timestamp"}",
                Tags = new Dictionary<string, string> { ["source"] = "reference" },
                Dataset = dataset,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            report.Skipped.Add((runFolder, $"already imported (experiment {experiment}, timestamp {timestamp})"));
            return;
        }

        // Lightning's CSVLogger writes version_N/metrics.csv; VmatTracker's trainer writes metrics.csv in the run folder.
        foreach (var csv in Directory.GetDirectories(runFolder, "version_*").Order(StringComparer.Ordinal)
                     .Select(v => Path.Combine(v, "metrics.csv")).Append(Path.Combine(runFolder, "metrics.csv")).Where(File.Exists))
        {
            var points = LightningMetricsReader.Read(csv, report.Problems);
            for (var start = 0; start < points.Count; start += 10_000)
            {
                await recorder.AppendMetricsAsync(runId, points.GetRange(start, Math.Min(10_000, points.Count - start)), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        await ImportCheckpointsAsync(runId, Path.Combine(runFolder, "checkpoints"), cancellationToken).ConfigureAwait(false);
        // The reference evaluates into <project>/predictions/<exp>_test/; VmatTracker's trainer into <run>/predictions/.
        foreach (var predictions in new[] { Path.Combine(root, "predictions", experiment + "_test"), Path.Combine(runFolder, "predictions") }
                     .Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(predictions, "*evaluation_results.json").Order(StringComparer.Ordinal))
            {
                var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                using var document = ParseJson(file, text, report.Problems);
                if (document is not null)
                {
                    await recorder.AddEvaluationAsync(runId, new EvaluationInfo
                    {
                        Source = file,
                        DocumentJson = text,
                        Values = EvaluationJsonReader.Read(document.RootElement),
                    }, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        report.Imported.Add((runFolder, runId));
    }

    private async Task ImportCheckpointsAsync(long runId, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        // best-{epoch:03d}-{val/mae_gy:.3f}: the "/" in the metric name puts the file in a sub-folder.
        // Lightning writes .ckpt; VmatTracker's trainer writes TorchSharp .dat files with '_' for '/' in the metric name
        // (its last.optimizer.dat holds optimizer moments, not a model, and is not a checkpoint of its own).
        var checkpoints = Directory.GetFiles(folder, "*.ckpt", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(folder, "*.dat", SearchOption.AllDirectories).Where(p => !p.EndsWith(".optimizer.dat", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Match: CheckpointName().Match(Path.GetRelativePath(folder, path).Replace('\\', '/'))))
            .Select(c => new CheckpointInfo(c.Path,
                c.Match.Success ? int.Parse(c.Match.Groups["epoch"].Value, CultureInfo.InvariantCulture) : null,
                c.Match.Success ? MonitorKey(c.Match.Groups["key"].Value) : null,
                c.Match.Success && double.TryParse(c.Match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null))
            .ToList();
        var best = checkpoints.Where(c => c.MonitoredValue is not null).MinBy(c => c.MonitoredValue);
        foreach (var checkpoint in checkpoints)
        {
            await recorder.AddCheckpointAsync(runId, checkpoint with { IsBest = ReferenceEquals(checkpoint, best) }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    // Our trainer writes the monitor "val/mae_gy" as "val_mae_gy" in file names (no sub-folders); give it back its '/'.
    private static string MonitorKey(string key) =>
        !key.Contains('/', StringComparison.Ordinal) && (key.StartsWith("val_", StringComparison.Ordinal) || key.StartsWith("train_", StringComparison.Ordinal))
            ? string.Concat(key.AsSpan(0, key.IndexOf('_', StringComparison.Ordinal)), "/", key.AsSpan(key.IndexOf('_', StringComparison.Ordinal) + 1))
            : key;

    private static async Task<double?> ReadDurationAsync(string path, List<string> problems, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            problems.Add($"{path}: missing; the run has no duration");
            return null;
        }

        using var summary = ParseJson(path, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), problems);
        return summary?.RootElement.ValueKind == JsonValueKind.Object && summary.RootElement.TryGetProperty("total_time_sec", out var seconds)
            && seconds.ValueKind == JsonValueKind.Number ? seconds.GetDouble() : null;
    }

    private static async Task<DatasetInfo?> ReadTestCasesAsync(string path, List<string> problems, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            problems.Add($"{path}: missing; the run has no test split");
            return null;
        }

        using var document = ParseJson(path, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), problems);
        if (document?.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("test_cases", out var cases)
            || cases.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path} $.test_cases: expected an array of case IDs");
            return null;
        }

        var files = document.RootElement.TryGetProperty("test_files", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(e => e.ToString()).ToList() : [];
        return new DatasetInfo
        {
            Path = files.Count > 0 ? Path.GetDirectoryName(files[0]) : null,
            TestCaseIds = [.. cases.EnumerateArray().Select(e => e.ToString())],
        };
    }

    private static JsonDocument? ParseJson(string path, string text, List<string> problems)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            problems.Add($"{path} line {ex.LineNumber + 1}, JSON path {ex.Path ?? "$"}: {ex.Message}");
            return null;
        }
    }

    [GeneratedRegex(@"epoch=(?<epoch>\d+)-(?<key>.+)=(?<value>-?[0-9.]+(?:[eE][-+]?\d+)?)\.(?:ckpt|dat)$")]
    private static partial Regex CheckpointName();
}
