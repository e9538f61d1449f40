using System.Text.Json;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Data;

namespace VmatTracker.Tests.Reports;

/// <summary>Records report fixtures through the real RunRecorder into a real SQLite store.</summary>
internal static class ReportStoreBuilder
{
    /// <summary>One run to record.</summary>
    public sealed record Spec(string Name, IReadOnlyDictionary<string, object> Config, double[] ValMae, double DurationSeconds,
        IReadOnlyDictionary<string, (double Mae, double Gamma, double? PtvGamma, double D95Gap)> Cases,
        string? EvaluationSource = null, string? GroupKey = null, bool WithAggregates = false);

    public static Task<long> RecordAsync(TestStore store, Spec spec, CancellationToken cancellationToken) =>
        RecordAsync(store.Recorder, spec, cancellationToken);

    /// <summary>Records one run through <paramref name="recorder"/> (a test store's, or a real server's).</summary>
    public static async Task<long> RecordAsync(RunRecorder recorder, Spec spec, CancellationToken cancellationToken)
    {
        var id = await recorder.CreateRunAsync(new NewRun
        {
            Experiment = "report_fixture",
            Name = spec.Name,
            ConfigJson = JsonSerializer.Serialize(spec.Config),
            Status = RunStatus.Completed,
            StartedAt = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc),
            EndedAt = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc).AddSeconds(spec.DurationSeconds),
            DurationSeconds = spec.DurationSeconds,
            GroupKey = spec.GroupKey,
            Provenance = new ProvenanceInfo
            {
                SourceCommit = "8b08506f00dfeed",
                SourceBranch = "main",
                SourceDirty = false,
                CommandLine = $"vmat train --exp_name {spec.Name} --data_dir /data/npz --seed {spec.Config["seed"]}",
                OperatingSystem = "Debian GNU/Linux 13",
                RuntimeVersion = ".NET 10.0.12",
                CpuThreads = 2,
                Host = "lab-1",
                Compute = new ComputeInfo("0.107.0", "2.10.0", "cpu"),
            },
            Dataset = new DatasetInfo
            {
                Path = "/data/npz",
                CaseCount = 23,
                TrainCaseIds = [.. Enumerable.Range(1, 19).Select(i => $"case_{i:0000}")],
                ValidationCaseIds = ["case_0020", "case_0022"],
                TestCaseIds = [.. spec.Cases.Keys],
            },
        }, cancellationToken);

        var points = new List<MetricValue>();
        for (var epoch = 0; epoch < spec.ValMae.Length; epoch++)
        {
            points.Add(new MetricValue("val/mae_gy", (epoch + 1) * 10, epoch, spec.ValMae[epoch]));
            points.Add(new MetricValue("train/loss_epoch", (epoch + 1) * 10, epoch, 0.05 / (epoch + 1)));
        }

        await recorder.AppendMetricsAsync(id, points, cancellationToken);
        await recorder.AddCheckpointAsync(id, new CheckpointInfo($"/runs/{spec.Name}/best.ckpt", 2, "val/mae_gy", spec.ValMae.Min(), IsBest: true),
            cancellationToken);
        if (spec.Cases.Count > 0)
        {
            var values = new List<EvaluationValueInfo>();
            foreach (var (caseId, c) in spec.Cases)
            {
                values.Add(new EvaluationValueInfo(caseId, null, "dose_metrics.mae_gy", c.Mae));
                values.Add(new EvaluationValueInfo(caseId, null, "gamma.global_3mm3pct.gamma_pass_rate", c.Gamma));
                if (c.PtvGamma is { } ptv)
                {
                    values.Add(new EvaluationValueInfo(caseId, null, "gamma.ptv_region_3mm3pct.gamma_pass_rate", ptv));
                }

                values.Add(new EvaluationValueInfo(caseId, null, "ptv70_d95_gap_gy", c.D95Gap));
                values.Add(new EvaluationValueInfo(caseId, "PTV70", "dvh_metrics.D95_error", c.D95Gap));
            }

            if (spec.WithAggregates)
            {
                // The aggregate rows a real evaluation_results.json also has (what the compare table reads).
                foreach (var (metric, pick) in new (string, Func<(double Mae, double Gamma, double? PtvGamma, double D95Gap), double?>)[]
                         {
                             ("mae_gy", c => c.Mae), ("gamma_pass_rate", c => c.Gamma), ("ptv_gamma_pass_rate", c => c.PtvGamma),
                             ("ptv70_d95_gap_gy", c => c.D95Gap),
                         })
                {
                    var all = spec.Cases.Values.Select(pick).OfType<double>().ToList();
                    if (all.Count > 0)
                    {
                        var mean = all.Average();
                        values.Add(new EvaluationValueInfo(null, null, metric + "_mean", mean));
                        values.Add(new EvaluationValueInfo(null, null, metric + "_std", Math.Sqrt(all.Average(v => (v - mean) * (v - mean)))));
                    }
                }
            }

            await recorder.AddEvaluationAsync(id, new EvaluationInfo
            {
                CheckpointPath = $"/runs/{spec.Name}/best.ckpt",
                Source = spec.EvaluationSource,
                Values = values,
            }, cancellationToken);
        }

        return id;
    }

    /// <summary>Writes a dvh/&lt;case&gt;.json the way vmat evaluate does, beside an evaluation file path.</summary>
    public static string WriteDvh(string folder, string caseId, double shift)
    {
        Directory.CreateDirectory(Path.Combine(folder, "dvh"));
        var dose = Enumerable.Range(0, 50).Select(i => i * 80.5 / 49).ToArray();
        var truth = dose.Select(d => d < 66 ? 100.0 : Math.Max(0, 100 - ((d - 66) * 10))).ToArray();
        var predicted = dose.Select(d => d < 66 - shift ? 100.0 : Math.Max(0, 100 - ((d - 66 + shift) * 10))).ToArray();
        var curve = new { dose_gy = dose, volume_pct = predicted, truth_volume_pct = truth };
        File.WriteAllText(Path.Combine(folder, "dvh", caseId + ".json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["PTV70"] = curve, ["Rectum"] = curve }));
        return Path.Combine(folder, "evaluation_results.json");
    }
}
