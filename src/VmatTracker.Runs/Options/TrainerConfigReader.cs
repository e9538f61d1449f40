using System.Globalization;
using System.Text.Json;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Options;

/// <summary>
/// Reads a run's stored configuration back into <see cref="TrainerOptions"/>: the hyper-parameters under the names
/// <see cref="TrainerOptions.ToHyperParameters"/> writes (training_config.json's "hparams"), either under an "hparams"
/// object or at the top level. Keys it does not know are ignored; a missing key keeps the trainer's default.
/// </summary>
public static class TrainerConfigReader
{
    /// <summary>The options a stored configuration describes.</summary>
    /// <exception cref="FormatException">The JSON is not an object, or a key has a value of the wrong kind (named).</exception>
    public static TrainerOptions Read(string configJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(configJson);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the configuration is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the configuration is not a JSON object");
            }

            var h = root.TryGetProperty("hparams", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            var defaults = new TrainerOptions();
            var loss = defaults.Loss;
            return defaults with
            {
                ExpName = Text(h, "exp_name") ?? defaults.ExpName,
                DataDir = Text(h, "data_dir") ?? defaults.DataDir,
                LogDir = Text(h, "log_dir") ?? defaults.LogDir,
                Epochs = Whole(h, "epochs") ?? defaults.Epochs,
                BatchSize = Whole(h, "batch_size") ?? defaults.BatchSize,
                PatchSize = Whole(h, "patch_size") ?? defaults.PatchSize,
                BaseChannels = Whole(h, "base_channels") ?? defaults.BaseChannels,
                Seed = Whole(h, "seed") ?? defaults.Seed,
                LearningRate = Number(h, "lr") ?? defaults.LearningRate,
                WeightDecay = Number(h, "weight_decay") ?? defaults.WeightDecay,
                Patience = Whole(h, "patience") ?? defaults.Patience,
                Monitor = Text(h, "monitor") ?? defaults.Monitor,
                Device = Text(h, "device") ?? defaults.Device,
                ValSplit = Number(h, "val_split") ?? defaults.ValSplit,
                TestSplit = Number(h, "test_split") ?? defaults.TestSplit,
                PatchesPerVolume = Whole(h, "patches_per_volume") ?? defaults.PatchesPerVolume,
                NumWorkers = Whole(h, "num_workers") ?? defaults.NumWorkers,
                RxDoseGy = Number(h, "rx_dose_gy") ?? defaults.RxDoseGy,
                NoAugmentation = Flag(h, "no_augmentation") ?? defaults.NoAugmentation,
                SkipInvalid = Flag(h, "skip_invalid") ?? defaults.SkipInvalid,
                Resume = Flag(h, "resume") ?? defaults.Resume,
                SaveTopK = Whole(h, "save_top_k") ?? defaults.SaveTopK,
                MaxValidationCases = Whole(h, "max_validation_cases") ?? defaults.MaxValidationCases,
                ValidationGammaSubsample = Whole(h, "validation_gamma_subsample") ?? defaults.ValidationGammaSubsample,
                EvaluateTestSet = Flag(h, "evaluate_test_set") ?? defaults.EvaluateTestSet,
                CacheBudgetMiB = Whole(h, "cache_budget_mib") ?? defaults.CacheBudgetMiB,
                CalibrationJson = Text(h, "calibration_json") ?? defaults.CalibrationJson,
                Loss = loss with
                {
                    UseGradientLoss = Flag(h, "use_gradient_loss") ?? loss.UseGradientLoss,
                    GradientLossWeight = Number(h, "gradient_loss_weight") ?? loss.GradientLossWeight,
                    UseDvhLoss = Flag(h, "use_dvh_loss") ?? loss.UseDvhLoss,
                    DvhLossWeight = Number(h, "dvh_loss_weight") ?? loss.DvhLossWeight,
                    Dvh = loss.Dvh with
                    {
                        D95Weight = Number(h, "dvh_d95_weight") ?? loss.Dvh.D95Weight,
                        VxWeight = Number(h, "dvh_vx_weight") ?? loss.Dvh.VxWeight,
                        DmeanWeight = Number(h, "dvh_dmean_weight") ?? loss.Dvh.DmeanWeight,
                        Temperature = Number(h, "dvh_temperature") ?? loss.Dvh.Temperature,
                    },
                    UseStructureWeighted = Flag(h, "use_structure_weighted") ?? loss.UseStructureWeighted,
                    StructureWeightedWeight = Number(h, "structure_weighted_weight") ?? loss.StructureWeightedWeight,
                    Structure = loss.Structure with
                    {
                        PtvWeight = Number(h, "structure_ptv_weight") ?? loss.Structure.PtvWeight,
                        OarBoundaryWeight = Number(h, "structure_oar_boundary_weight") ?? loss.Structure.OarBoundaryWeight,
                        BackgroundWeight = Number(h, "structure_background_weight") ?? loss.Structure.BackgroundWeight,
                        BoundaryWidthMm = Number(h, "structure_boundary_width_mm") ?? loss.Structure.BoundaryWidthMm,
                        TauMode = TauMode(h) ?? loss.Structure.TauMode,
                    },
                    UseAsymmetricPtv = Flag(h, "use_asymmetric_ptv") ?? loss.UseAsymmetricPtv,
                    AsymmetricPtvWeight = Number(h, "asymmetric_ptv_weight") ?? loss.AsymmetricPtvWeight,
                    AsymmetricUnderdoseWeight = Number(h, "asymmetric_underdose_weight") ?? loss.AsymmetricUnderdoseWeight,
                    AsymmetricOverdoseWeight = Number(h, "asymmetric_overdose_weight") ?? loss.AsymmetricOverdoseWeight,
                    UseUncertaintyWeighting = Flag(h, "use_uncertainty_weighting") ?? loss.UseUncertaintyWeighting,
                },
            };
        }
    }

    private static JsonElement? Get(JsonElement h, string key) =>
        h.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement h, string key) => Get(h, key) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Wrong(key, "text", value);

    private static int? Whole(JsonElement h, string key) => Get(h, key) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var whole) ? whole
        : throw Wrong(key, "a whole number", value);

    private static double? Number(JsonElement h, string key) => Get(h, key) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : throw Wrong(key, "a number", value);

    private static bool? Flag(JsonElement h, string key) => Get(h, key) is not { } value ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Wrong(key, "true or false", value);

    private static StructureTauMode? TauMode(JsonElement h) => Text(h, "structure_tau_mode") is not { } text ? null
        : Enum.TryParse<StructureTauMode>(text, ignoreCase: true, out var mode) ? mode
        : throw new FormatException($"structure_tau_mode: '{text}' is not corrected or pilot");

    private static FormatException Wrong(string key, string expected, JsonElement value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{key}: expected {expected}, found {value.GetRawText()}"));
}
