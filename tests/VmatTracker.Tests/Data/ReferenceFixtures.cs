namespace VmatTracker.Tests.Data;

/// <summary>Writes reference-pipeline project folders in the exact shapes of reference-spec 5.2, at test time.</summary>
public static class ReferenceFixtures
{
    /// <summary>A project root with two runs: a pilot (flat gamma evaluation) and a v2.3 run (nested evaluation).</summary>
    public static void WriteProject(string root)
    {
        var pilot = Path.Combine(root, "runs", "structure_weighted");
        Directory.CreateDirectory(Path.Combine(pilot, "version_1"));
        Directory.CreateDirectory(Path.Combine(pilot, "checkpoints", "best-epoch=031-val"));
        File.WriteAllText(Path.Combine(pilot, "training_config.json"), """
            {"script": "train_baseline_unet.py", "version": "1.0.0", "model": "BaselineUNet3D", "timestamp": "2026-01-10T08:00:00",
             "hparams": {"use_structure_weighted": true, "seed": 42, "base_channels": 48, "batch_size": 1}, "model_params": 23700000}
            """);
        File.WriteAllText(Path.Combine(pilot, "training_summary.json"), """
            {"total_time_sec": 9432.0, "total_time_hours": 2.62, "final_metrics": {"epoch": 2, "train_loss": 0.1, "val_loss": 0.2, "val_mae_gy": 3.1, "val_gamma": 30.0}, "best_val_mae_gy": 2.911}
            """);
        File.WriteAllText(Path.Combine(pilot, "version_1", "metrics.csv"), string.Join('\n',
            "epoch,step,lr-AdamW,train/loss_step,train/loss_epoch,val/loss,val/mae_gy,val/gamma_3mm3pct",
            "0,9,,0.9,,,,",
            "0,19,0.0001,,,,,",
            "0,19,,,0.8,0.5,3.5,20.1",
            "1,39,,,0.6,0.4,2.911,31.2",
            "2,59,,,0.5,nan,3.1,",
            "2,oops,,,,,,",
            ""));
        File.WriteAllText(Path.Combine(pilot, "checkpoints", "best-epoch=031-val", "mae_gy=2.911.ckpt"), "w");
        Directory.CreateDirectory(Path.Combine(pilot, "checkpoints", "best-epoch=040-val"));
        File.WriteAllText(Path.Combine(pilot, "checkpoints", "best-epoch=040-val", "mae_gy=3.050.ckpt"), "w");
        File.WriteAllText(Path.Combine(pilot, "checkpoints", "last.ckpt"), "w");
        File.WriteAllText(Path.Combine(pilot, "test_cases.json"), """
            {"test_cases": ["case_0021", "case_0007"], "test_files": ["/data/case_0021.npz", "/data/case_0007.npz"], "seed": 42}
            """);
        var pilotPredictions = Path.Combine(root, "predictions", "structure_weighted_test");
        Directory.CreateDirectory(pilotPredictions);
        File.WriteAllText(Path.Combine(pilotPredictions, "evaluation_results.json"), """
            {"framework_version": "1.0.0", "n_cases": 2, "timestamp": "2026-01-10T12:00:00", "gamma_subsample": 4,
             "aggregate_metrics": {"mae_gy_mean": 1.40, "mae_gy_std": 0.23, "gamma_pass_rate_mean": 31.2, "gamma_pass_rate_std": 2.2},
             "per_case_results": [
               {"case_id": "case_0007", "dose_metrics": {"mae_gy": 1.16}, "gamma": {"gamma_pass_rate": 29.0, "gamma_mean": 1.2, "gamma_max": 9.0, "gamma_median": 1.1, "voxels_evaluated": 1000}},
               {"case_id": "case_0021", "dose_metrics": {"mae_gy": 1.63}, "gamma": {"gamma_pass_rate": 33.4, "gamma_mean": 1.0, "gamma_max": 8.0, "gamma_median": 0.9, "voxels_evaluated": 1000}}]}
            """);

        var v23 = Path.Combine(root, "runs", "baseline_v23_seed42");
        Directory.CreateDirectory(Path.Combine(v23, "version_0"));
        File.WriteAllText(Path.Combine(v23, "training_config.json"), """
            {"script": "train_baseline_unet.py", "version": "1.1.0", "model": "BaselineUNet3D", "timestamp": "2026-02-01T09:30:00",
             "hparams": {"use_structure_weighted": false, "seed": 42, "base_channels": 48}}
            """);
        File.WriteAllText(Path.Combine(v23, "training_summary.json"), "{\"total_time_sec\": 45000, \"final_metrics\": {\"epoch\": ");
        File.WriteAllText(Path.Combine(v23, "version_0", "metrics.csv"), "epoch,step,val/mae_gy,val/mae_gy_ptv70\n0,99,6.5,\n0,99,,4.0\n1,199,6.047,3.9\n");
        var v23Predictions = Path.Combine(root, "predictions", "baseline_v23_seed42_test");
        Directory.CreateDirectory(v23Predictions);
        File.WriteAllText(Path.Combine(v23Predictions, "baseline_evaluation_results.json"), """
            {"model_type": "baseline", "architecture": "BaselineUNet3D", "n_cases": 1, "timestamp": "2026-02-02T10:00:00",
             "aggregate_metrics": {"mae_gy_mean": 4.80, "mae_gy_std": 2.45, "gamma_pass_rate_mean": 28.1, "ptv_gamma_pass_rate_mean": 85.5,
               "per_structure_mae": {"PTV70": {"mean": 2.1, "std": 0.5, "n_cases": 1}}},
             "per_case_results": [
               {"case_id": "prostate70gy_0027", "spacing_mm": [2.5, 1.0, 1.0],
                "dose_metrics": {"mae_gy": 7.1, "per_structure_mae": {"Rectum": 3.2}},
                "gamma": {"global_3mm3pct": {"gamma_pass_rate": 18.0, "voxels_evaluated": 500}, "ptv_region_3mm3pct": {"gamma_pass_rate": 70.0}},
                "dvh_metrics": {"PTV70": {"D95": 66.1, "Dmean": 70.2}},
                "clinical_constraints": {"Rectum": {"V70": 9.5, "passed": true}},
                "validation_warnings": [], "framework_version": "1.0.0"}]}
            """);
        Directory.CreateDirectory(Path.Combine(root, "runs", "not_a_run"));
    }
}
