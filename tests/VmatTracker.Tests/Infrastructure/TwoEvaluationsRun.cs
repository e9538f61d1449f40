using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Infrastructure;

/// <summary>
/// A completed run with two checkpoints and two evaluations: first the best checkpoint's (Test MAE 1.5 Gy, gamma
/// 90 %, PTV gamma 95 %), then, later, an extra evaluation of the last, non-best checkpoint (2.5 Gy, 70 %, 60 %).
/// Every view must show the first one's numbers and name the best checkpoint.
/// </summary>
internal static class TwoEvaluationsRun
{
    public const string BestCheckpoint = "best-epoch=005.ckpt";
    public const string LastCheckpoint = "last-epoch=009.ckpt";
    public const double BestMae = 1.5;
    public const double BestGamma = 90;
    public const double BestPtvGamma = 95;

    public static async Task<long> RecordAsync(RunRecorder recorder, string folder, string name, CancellationToken token)
    {
        var id = await recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = name, ConfigJson = """{"seed": 42}""", Status = RunStatus.Completed }, token);
        await recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 5, 3.0), new MetricValue("val/mae_gy", 2, 9, 3.4)], token);
        var best = Path.Combine(folder, BestCheckpoint);
        var last = Path.Combine(folder, LastCheckpoint);
        await recorder.AddCheckpointAsync(id, new CheckpointInfo(best, 5, "val/mae_gy", 3.0, IsBest: true), token);
        await recorder.AddCheckpointAsync(id, new CheckpointInfo(last, 9, "val/mae_gy", 3.4), token);
        await recorder.AddEvaluationAsync(id, Evaluation(best, DateTime.UtcNow.AddMinutes(-5), [1.2, 1.8], [88, 92], [94, 96]), token);
        await recorder.AddEvaluationAsync(id, Evaluation(last, DateTime.UtcNow, [2.4, 2.6], [70, 70], [60, 60]), token);
        return id;
    }

    private static EvaluationInfo Evaluation(string checkpoint, DateTime at, double[] mae, double[] gamma, double[] ptv) => new()
    {
        CheckpointPath = checkpoint,
        CreatedAt = at,
        Source = checkpoint + ".eval",
        Values =
        [
            .. new[] { "case_0001", "case_0002" }.SelectMany((c, i) => new[]
            {
                new EvaluationValueInfo(c, null, "dose_metrics.mae_gy", mae[i]),
                new EvaluationValueInfo(c, null, "gamma.global_3mm3pct.gamma_pass_rate", gamma[i]),
                new EvaluationValueInfo(c, null, "gamma.ptv_region_3mm3pct.gamma_pass_rate", ptv[i]),
            }),
            new EvaluationValueInfo(null, null, "mae_gy_mean", mae.Average()),
            new EvaluationValueInfo(null, null, "gamma_pass_rate_mean", gamma.Average()),
            new EvaluationValueInfo(null, null, "ptv_gamma_pass_rate_mean", ptv.Average()),
        ],
    };
}
