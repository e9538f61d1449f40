using System.Globalization;
using System.Text.Json.Nodes;
using VmatTracker.Engine.Losses;

namespace VmatTracker.Engine.Training;

/// <summary>
/// Everything a training run is configured by, with the reference's defaults (reference-spec 5.1) and its flag names
/// in <see cref="ToHyperParameters"/>. Validation returns every problem at once, each naming the flag.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Run name; the run folder is <see cref="LogDir"/>/<see cref="ExpName"/>.</summary>
    public string ExpName { get; init; } = "baseline_unet_run";

    /// <summary>Folder of case NPZ files.</summary>
    public string DataDir { get; init; } = "";

    /// <summary>Parent of run folders.</summary>
    public string LogDir { get; init; } = "runs";

    /// <summary>The loss recipe.</summary>
    public LossOptions Loss { get; init; } = new();

    /// <summary>Maximum epochs (the cosine schedule's T_max).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Patches per optimisation step.</summary>
    public int BatchSize { get; init; } = 2;

    /// <summary>Cubic patch edge in voxels (divisible by 16).</summary>
    public int PatchSize { get; init; } = 128;

    /// <summary>Width of the first U-Net level.</summary>
    public int BaseChannels { get; init; } = 48;

    /// <summary>Seeds the split, the sampler, augmentation and the weights.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Epochs without improvement of <see cref="Monitor"/> before stopping.</summary>
    public int Patience { get; init; } = 50;

    /// <summary>Validation metric for early stopping and best checkpoints (lower is better).</summary>
    public string Monitor { get; init; } = "val/mae_gy";

    /// <summary>auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Validation fraction (the reference's split uses max(1, int(0.1·n)); only 0.1 is supported).</summary>
    public double ValSplit { get; init; } = 0.1;

    /// <summary>Test fraction (as <see cref="ValSplit"/>).</summary>
    public double TestSplit { get; init; } = 0.1;

    /// <summary>Patches drawn from each training case per epoch.</summary>
    public int PatchesPerVolume { get; init; } = 4;

    /// <summary>Background loader threads (0 loads on the training thread).</summary>
    public int NumWorkers { get; init; } = 2;

    /// <summary>Dose that 1.0 stands for (Gy).</summary>
    public double RxDoseGy { get; init; } = 70;

    /// <summary>Continue from the run folder's last checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>A checkpoint to start from (weights and optimizer state when present).</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Switches every augmentation off.</summary>
    public bool NoAugmentation { get; init; }

    /// <summary>Train on the valid cases of a folder that also holds invalid ones; without it such a folder is refused.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Best checkpoints kept by the monitor.</summary>
    public int SaveTopK { get; init; } = 3;

    /// <summary>Validate on at most this many validation cases (null: all).</summary>
    public int? MaxValidationCases { get; init; }

    /// <summary>Gamma subsampling during validation (every k-th voxel per axis), as the reference's test evaluation.</summary>
    public int ValidationGammaSubsample { get; init; } = 4;

    /// <summary>Predict and evaluate the test cases with the best checkpoint when training ends.</summary>
    public bool EvaluateTestSet { get; init; } = true;

    /// <summary>RAM budget of the decompressed case cache, in MiB (cases beyond it are re-read from the on-disk case
    /// cache, which the OS page cache keeps in whatever memory is free).</summary>
    public int CacheBudgetMiB { get; init; } = 8192;

    /// <summary>Folder of the memory-mapped case cache (each NPZ decompressed once into raw arrays); null means
    /// <c>&lt;log_dir&gt;/.case-cache</c>, shared by the runs of one log folder; "none" reads the NPZ files directly.</summary>
    public string? CaseCacheDir { get; init; }

    /// <summary>The case cache folder in effect, or null when it is switched off.</summary>
    public string? CaseCacheFolder => string.Equals(CaseCacheDir, "none", StringComparison.OrdinalIgnoreCase) ? null
        : CaseCacheDir ?? Path.Combine(LogDir, DataLoading.MappedCaseCache.DefaultFolderName);

    /// <summary>A JSON file of calibration values (accepted for the reference's flag; read into the config).</summary>
    public string? CalibrationJson { get; init; }

    /// <summary>The run folder.</summary>
    public string RunFolder => Path.Combine(LogDir, ExpName);

    /// <summary>Every problem with these options, each naming the reference flag; empty when they can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Loss.Validate());
        if (string.IsNullOrWhiteSpace(ExpName) || ExpName.IndexOfAny(['/', '\\']) >= 0 || ExpName is "." or "..")
        {
            problems.Add($"--exp_name: '{ExpName}' must be a plain folder name");
        }

        if (string.IsNullOrWhiteSpace(DataDir))
        {
            problems.Add("--data_dir: required");
        }

        Positive(problems, "--epochs", Epochs);
        Positive(problems, "--batch_size", BatchSize);
        Positive(problems, "--patches_per_volume", PatchesPerVolume);
        Positive(problems, "--base_channels", BaseChannels);
        Positive(problems, "--patience", Patience);
        if (PatchSize < 16 || PatchSize % 16 != 0)
        {
            problems.Add($"--patch_size: {PatchSize} must be a positive multiple of 16 (the U-Net pools four times)");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            problems.Add($"--lr: {LearningRate.ToString(CultureInfo.InvariantCulture)} must be a positive number");
        }

        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
        {
            problems.Add($"--weight_decay: {WeightDecay.ToString(CultureInfo.InvariantCulture)} must be zero or more");
        }

        if (!(RxDoseGy > 0))
        {
            problems.Add($"--rx_dose_gy: {RxDoseGy.ToString(CultureInfo.InvariantCulture)} must be positive");
        }

        if (NumWorkers < 0)
        {
            problems.Add($"--num_workers: {NumWorkers} must be zero or more");
        }

        foreach (var (flag, value) in new[] { ("--val_split", ValSplit), ("--test_split", TestSplit) })
        {
            if (Math.Abs(value - 0.1) > 1e-12)
            {
                problems.Add($"{flag}: only the reference's 0.1 is supported (its split is max(1, int(0.1·n)) cases)");
            }
        }

        if (!TrainingMetrics.Monitorable.Contains(Monitor))
        {
            problems.Add($"--monitor: '{Monitor}' is not one of {string.Join(", ", TrainingMetrics.Monitorable)}");
        }

        if (SaveTopK < 1)
        {
            problems.Add($"--save_top_k: {SaveTopK} must be at least 1");
        }

        if (Resume && CheckpointPath is not null)
        {
            problems.Add("--resume and --ckpt_path: give one of them, not both");
        }

        return problems;
    }

    /// <summary>The run's hyper-parameters under the reference's names (training_config.json's "hparams").</summary>
    public SortedDictionary<string, object?> ToHyperParameters() => new(StringComparer.Ordinal)
    {
        ["exp_name"] = ExpName,
        ["data_dir"] = DataDir,
        ["log_dir"] = LogDir,
        ["epochs"] = Epochs,
        ["batch_size"] = BatchSize,
        ["patch_size"] = PatchSize,
        ["base_channels"] = BaseChannels,
        ["seed"] = Seed,
        ["lr"] = LearningRate,
        ["weight_decay"] = WeightDecay,
        ["patience"] = Patience,
        ["monitor"] = Monitor,
        ["device"] = Device,
        ["val_split"] = ValSplit,
        ["test_split"] = TestSplit,
        ["patches_per_volume"] = PatchesPerVolume,
        ["num_workers"] = NumWorkers,
        ["rx_dose_gy"] = RxDoseGy,
        ["no_augmentation"] = NoAugmentation,
        ["skip_invalid"] = SkipInvalid,
        ["save_top_k"] = SaveTopK,
        ["max_validation_cases"] = MaxValidationCases,
        ["validation_gamma_subsample"] = ValidationGammaSubsample,
        ["evaluate_test_set"] = EvaluateTestSet,
        ["cache_budget_mib"] = CacheBudgetMiB,
        ["use_gradient_loss"] = Loss.UseGradientLoss,
        ["gradient_loss_weight"] = Loss.GradientLossWeight,
        ["use_dvh_loss"] = Loss.UseDvhLoss,
        ["dvh_loss_weight"] = Loss.DvhLossWeight,
        ["dvh_d95_weight"] = Loss.Dvh.D95Weight,
        ["dvh_vx_weight"] = Loss.Dvh.VxWeight,
        ["dvh_dmean_weight"] = Loss.Dvh.DmeanWeight,
        ["dvh_temperature"] = Loss.Dvh.Temperature,
        ["use_structure_weighted"] = Loss.UseStructureWeighted,
        ["structure_weighted_weight"] = Loss.StructureWeightedWeight,
        ["structure_ptv_weight"] = Loss.Structure.PtvWeight,
        ["structure_oar_boundary_weight"] = Loss.Structure.OarBoundaryWeight,
        ["structure_background_weight"] = Loss.Structure.BackgroundWeight,
        ["structure_boundary_width_mm"] = Loss.Structure.BoundaryWidthMm,
        ["structure_tau_mode"] = Loss.Structure.TauMode.ToString().ToLowerInvariant(),
        ["use_asymmetric_ptv"] = Loss.UseAsymmetricPtv,
        ["asymmetric_ptv_weight"] = Loss.AsymmetricPtvWeight,
        ["asymmetric_underdose_weight"] = Loss.AsymmetricUnderdoseWeight,
        ["asymmetric_overdose_weight"] = Loss.AsymmetricOverdoseWeight,
        ["use_uncertainty_weighting"] = Loss.UseUncertaintyWeighting,
        ["calibration_json"] = CalibrationJson,
        ["architecture"] = "baseline",
    };

    /// <summary><see cref="ToHyperParameters"/> as a JSON object (numbers, flags, text and nulls as JSON values).</summary>
    public JsonObject ToHyperParametersJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in ToHyperParameters())
        {
            json[key] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                bool flag => JsonValue.Create(flag),
                int whole => JsonValue.Create(whole),
                double number => JsonValue.Create(number),
                _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
            };
        }

        return json;
    }

    private static void Positive(List<string> problems, string flag, int value)
    {
        if (value < 1)
        {
            problems.Add($"{flag}: {value} must be at least 1");
        }
    }
}
