using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using VmatTracker.Data;

namespace VmatTracker.Bench;

/// <summary>
/// Fills an empty store with N runs x K metric keys x E epochs plus their summaries, parameters (the reference's
/// names: use_structure_weighted, seed, base_channels, learning_rate) and a site tag, by batched raw inserts.
/// Deterministic for a given size.
/// </summary>
internal static class StoreGenerator
{
    public static readonly string[] Keys = ["val/mae_gy", "val/loss", "train/loss_epoch", "train/mse_loss", "val/gamma_3mm3pct",
        "val/mae_gy_ptv70", "val/mae_gy_oar", "train/grad_loss", "train/neg_penalty", "lr-AdamW"];

    public static async Task GenerateAsync(IDbContextFactory<TrackerDbContext> contexts, int runs, int keys, int epochs)
    {
        var clock = Stopwatch.StartNew();
        await using var context = await contexts.CreateDbContextAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var connection = context.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();
        var random = new Random(runs);
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        int[] seeds = [42, 123, 456];
        string[] sites = ["prostate", "prostate", "prostate", "head-neck", "lung"];

        using (var experiments = new BulkInsert(connection, tx, "Experiments", "Id", "Name", "CreatedAt"))
        {
            for (var e = 1; e <= 20; e++)
            {
                experiments.Add(e, $"experiment_{e:00}", t0);
            }
        }

        using var runRows = new BulkInsert(connection, tx, "Runs", "Id", "ExperimentId", "Name", "Status", "CreatedAt",
            "StartedAt", "EndedAt", "DurationSeconds", "ConfigJson", "Starred");
        using var parameters = new BulkInsert(connection, tx, "RunParameters", "RunId", "Key", "Text", "Number");
        using var tags = new BulkInsert(connection, tx, "RunTags", "RunId", "Key", "Value");
        using var points = new BulkInsert(connection, tx, "MetricPoints", "RunId", "Key", "Step", "Epoch", "WallTime", "Value");
        using var summaries = new BulkInsert(connection, tx, "MetricSummaries", "RunId", "Key", "Count", "NonFiniteCount",
            "Last", "LastStep", "Min", "MinEpoch", "Max", "MaxEpoch");
        for (var run = 1; run <= runs; run++)
        {
            var created = t0.AddMinutes(run);
            var structureWeighted = run % 2 == 0;
            var seed = seeds[run % seeds.Length];
            var config = string.Create(CultureInfo.InvariantCulture,
                $$"""{"use_structure_weighted": {{(structureWeighted ? "true" : "false")}}, "seed": {{seed}}, "base_channels": 48, "learning_rate": 0.0001}""");
            runRows.Add(run, (run % 20) + 1, $"run {run}", "Completed", created, created, created.AddHours(3), 10_800.0, config, false);
        }

        // Parents before children: the foreign keys are checked row by row.
        runRows.Flush();
        for (var run = 1; run <= runs; run++)
        {
            var created = t0.AddMinutes(run);
            var structureWeighted = run % 2 == 0;
            var seed = seeds[run % seeds.Length];
            parameters.Add(run, "use_structure_weighted", structureWeighted ? "true" : "false", structureWeighted ? 1.0 : 0.0);
            parameters.Add(run, "seed", seed.ToString(CultureInfo.InvariantCulture), (double)seed);
            parameters.Add(run, "base_channels", "48", 48.0);
            parameters.Add(run, "learning_rate", "0.0001", 0.0001);
            tags.Add(run, "site", sites[run % sites.Length]);
            for (var k = 0; k < keys; k++)
            {
                var key = Keys[k % Keys.Length] + (k < Keys.Length ? string.Empty : $"_{k}");
                var start = 2 + (random.NextDouble() * 6);
                double min = double.MaxValue, max = double.MinValue, last = 0;
                int minEpoch = 0, maxEpoch = 0;
                for (var epoch = 0; epoch < epochs; epoch++)
                {
                    var value = (start * Math.Exp(-epoch / 20.0)) + (random.NextDouble() * 0.5);
                    points.Add(run, key, (long)(epoch + 1) * 100, epoch, created.AddMinutes(epoch), value);
                    (min, minEpoch) = value < min ? (value, epoch) : (min, minEpoch);
                    (max, maxEpoch) = value > max ? (value, epoch) : (max, maxEpoch);
                    last = value;
                }

                summaries.Add(run, key, (long)epochs, 0L, last, (long)epochs * 100, min, minEpoch, max, maxEpoch);
            }
        }

        runRows.Flush();
        parameters.Flush();
        tags.Flush();
        points.Flush();
        summaries.Flush();
        await transaction.CommitAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {runs:N0} runs, {points.Rows:N0} metric points, {summaries.Rows:N0} summaries in {clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
