using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmatTracker.Data.Queries;

namespace VmatTracker.Data.Export;

/// <summary>
/// Writes runs out of the store: the run table and metric series as CSV, and one run as a folder in the reference's
/// layout (runs/&lt;exp&gt;/version_0/metrics.csv, training_config.json, training_summary.json, test_cases.json,
/// predictions/&lt;exp&gt;_test/evaluation_results.json).
/// </summary>
public sealed class RunExporter(RunQueries queries)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>One CSV row per run matching <paramref name="filter"/>: columns, then params.*, tags.*, and
    /// KEY.min/KEY.max/KEY.last for every metric key.</summary>
    public async Task WriteRunTableAsync(string? filter, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var runs = await AllAsync(filter, cancellationToken).ConfigureAwait(false);
        var parameters = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var tags = runs.SelectMany(r => r.Tags.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var metrics = runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        await output.WriteLineAsync(CsvText.Row(new object?[] { "id", "experiment", "name", "status", "created", "started", "ended", "duration_s" }
            .Concat(parameters.Select(p => "params." + p)).Concat(tags.Select(t => "tags." + t))
            .Concat(metrics.SelectMany(m => new[] { m + ".min", m + ".max", m + ".last" })))).ConfigureAwait(false);
        foreach (var run in runs)
        {
            await output.WriteLineAsync(CsvText.Row(new object?[]
                {
                    run.Id, run.Experiment, run.Name, run.Status.ToString().ToLowerInvariant(), run.CreatedAt, run.StartedAt,
                    run.EndedAt, run.DurationSeconds,
                }
                .Concat(parameters.Select(p => run.Params.GetValueOrDefault(p)))
                .Concat(tags.Select(t => (object?)run.Tags.GetValueOrDefault(t)))
                .Concat(metrics.SelectMany(m => run.Metrics.TryGetValue(m, out var s)
                    ? new object?[] { s.Min, s.Max, s.Last }
                    : [null, null, null])))).ConfigureAwait(false);
        }
    }

    /// <summary>Long-format series of the runs matching <paramref name="filter"/>: run_id, key, step, epoch,
    /// wall_time, value (NaN, inf, -inf written as such), context.</summary>
    public async Task WriteSeriesAsync(string? filter, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var runs = await AllAsync(filter, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("run_id,key,step,epoch,wall_time,value,context").ConfigureAwait(false);
        foreach (var run in runs)
        {
            foreach (var series in await queries.GetSeriesAsync(run.Id, null, cancellationToken).ConfigureAwait(false))
            {
                foreach (var point in series.Points)
                {
                    await output.WriteLineAsync(CsvText.Row([run.Id, series.Key, point.Step, point.Epoch, point.WallTime,
                        ValueText(point.AsDouble), point.Context])).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>One run's metrics as the reference's metrics.csv (Lightning's CSVLogger shape: epoch, step, then
    /// every key in name order, one row per logged epoch and step).</summary>
    /// <exception cref="Recording.UnknownRunException">No such run.</exception>
    public async Task<string> RunMetricsCsvAsync(long runId, CancellationToken cancellationToken)
    {
        _ = await queries.GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw new Recording.UnknownRunException(runId);
        return LightningCsv.Write(Logged(await queries.GetSeriesAsync(runId, null, cancellationToken).ConfigureAwait(false)));
    }

    // What the trainer logged per epoch or step: the run-level training time goes to training_summary.json instead.
    private static List<MetricSeries> Logged(IReadOnlyList<MetricSeries> series) =>
        [.. series.Where(s => s.Key != TrainingTime.MetricKey)];

    /// <summary>Writes run <paramref name="runId"/> under <paramref name="root"/> in the reference's layout; returns
    /// the run folder.</summary>
    /// <exception cref="Recording.UnknownRunException">No such run.</exception>
    public async Task<string> ExportRunFolderAsync(long runId, string root, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new Recording.UnknownRunException(runId);
        var experiment = detail.Summary.Experiment;
        var runFolder = Path.Combine(root, "runs", experiment);
        Directory.CreateDirectory(Path.Combine(runFolder, "version_0"));
        var series = await queries.GetSeriesAsync(runId, null, cancellationToken).ConfigureAwait(false);

        await File.WriteAllTextAsync(Path.Combine(runFolder, "version_0", "metrics.csv"), LightningCsv.Write(Logged(series)),
            cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(runFolder, "training_config.json"), detail.ConfigJson, cancellationToken)
            .ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(runFolder, "training_summary.json"),
            JsonSerializer.Serialize(Summary(detail, series), s_json), cancellationToken).ConfigureAwait(false);
        if (detail.Dataset is { } dataset)
        {
            var testCases = new JsonObject
            {
                ["test_cases"] = new JsonArray([.. dataset.TestCaseIds.Select(id => (JsonNode?)id)]),
                ["test_files"] = new JsonArray([.. dataset.TestCaseIds.Select(id => (JsonNode?)Path.Combine(dataset.Path ?? string.Empty, id + ".npz"))]),
                ["seed"] = detail.Summary.Params.GetValueOrDefault("seed") is long seed ? seed : null,
            };
            await File.WriteAllTextAsync(Path.Combine(runFolder, "test_cases.json"), testCases.ToJsonString(s_json),
                cancellationToken).ConfigureAwait(false);
        }

        if (detail.Evaluations.LastOrDefault(e => e.DocumentJson is not null) is { } evaluation)
        {
            var predictions = Path.Combine(root, "predictions", experiment + "_test");
            Directory.CreateDirectory(predictions);
            await File.WriteAllTextAsync(Path.Combine(predictions, "evaluation_results.json"), evaluation.DocumentJson,
                cancellationToken).ConfigureAwait(false);
        }

        return runFolder;
    }

    private static JsonObject Summary(RunDetail detail, IReadOnlyList<MetricSeries> series)
    {
        double? Last(string key) => series.FirstOrDefault(s => s.Key == key)?.Points.LastOrDefault(p => p.Value is not null)?.Value;
        var epoch = series.SelectMany(s => s.Points).Select(p => p.Epoch).Max();
        var seconds = TrainingTime.Seconds(detail.Summary);
        return new JsonObject
        {
            ["total_time_sec"] = seconds,
            ["total_time_hours"] = seconds / 3600.0,
            ["final_metrics"] = new JsonObject
            {
                ["epoch"] = epoch,
                ["train_loss"] = Last("train/loss_epoch"),
                ["val_loss"] = Last("val/loss"),
                ["val_mae_gy"] = Last("val/mae_gy"),
                ["val_gamma"] = Last("val/gamma_3mm3pct"),
            },
            ["best_val_mae_gy"] = detail.Summary.Metrics.GetValueOrDefault("val/mae_gy")?.Min,
        };
    }

    private static string ValueText(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
            : value.ToString("R", CultureInfo.InvariantCulture);

    private async Task<List<RunListItem>> AllAsync(string? filter, CancellationToken cancellationToken)
    {
        var runs = new List<RunListItem>();
        while (true)
        {
            var page = await queries.ListAsync(new RunListQuery { Filter = filter, Sort = "id", Skip = runs.Count, Take = 1000 },
                cancellationToken).ConfigureAwait(false);
            runs.AddRange(page.Runs);
            if (page.Runs.Count == 0 || runs.Count >= page.TotalCount)
            {
                return runs;
            }
        }
    }
}
