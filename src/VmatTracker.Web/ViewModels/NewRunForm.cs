using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Training;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// The new-run page's editable copy of every trainer option (the form binds to these properties), converted to and
/// from the Engine's immutable <see cref="TrainerOptions"/>, which alone decides what is valid.
/// </summary>
public sealed class NewRunForm
{
    /// <summary>A form holding <paramref name="options"/>.</summary>
    public NewRunForm(TrainerOptions options) => Load(options);

    /// <summary>Experiment the run is filed under.</summary>
    public string Experiment { get; set; } = "default";

    /// <summary>Notes stored with the run.</summary>
    public string? Notes { get; set; }

#pragma warning disable CS1591 // One property per trainer option, named as in TrainerOptions; documented there.
    public string ExpName { get; set; } = "";
    public string DataDir { get; set; } = "";
    public string LogDir { get; set; } = "";
    public int Epochs { get; set; }
    public int BatchSize { get; set; }
    public int PatchSize { get; set; }
    public int BaseChannels { get; set; }
    public int Seed { get; set; }
    public double LearningRate { get; set; }
    public double WeightDecay { get; set; }
    public int Patience { get; set; }
    public string Monitor { get; set; } = "";
    public string Device { get; set; } = "";
    public double ValSplit { get; set; }
    public double TestSplit { get; set; }
    public int PatchesPerVolume { get; set; }
    public int NumWorkers { get; set; }
    public double RxDoseGy { get; set; }
    public bool NoAugmentation { get; set; }
    public int SaveTopK { get; set; }
    public int? MaxValidationCases { get; set; }
    public int ValidationGammaSubsample { get; set; }
    public bool EvaluateTestSet { get; set; }
    public int CacheBudgetMiB { get; set; }
    public bool UseGradientLoss { get; set; }
    public double GradientLossWeight { get; set; }
    public bool UseDvhLoss { get; set; }
    public double DvhLossWeight { get; set; }
    public double DvhD95Weight { get; set; }
    public double DvhVxWeight { get; set; }
    public double DvhDmeanWeight { get; set; }
    public double DvhTemperature { get; set; }
    public bool UseStructureWeighted { get; set; }
    public double StructureWeightedWeight { get; set; }
    public double StructurePtvWeight { get; set; }
    public double StructureOarBoundaryWeight { get; set; }
    public double StructureBackgroundWeight { get; set; }
    public double StructureBoundaryWidthMm { get; set; }
    public StructureTauMode StructureTauMode { get; set; }
    public bool UseAsymmetricPtv { get; set; }
    public double AsymmetricPtvWeight { get; set; }
    public double AsymmetricUnderdoseWeight { get; set; }
    public double AsymmetricOverdoseWeight { get; set; }
    public bool UseUncertaintyWeighting { get; set; }
#pragma warning restore CS1591

    /// <summary>Replaces every field with <paramref name="o"/>'s values (experiment and notes stay).</summary>
    public void Load(TrainerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        (ExpName, DataDir, LogDir, Epochs, BatchSize, PatchSize, BaseChannels, Seed) =
            (o.ExpName, o.DataDir, o.LogDir, o.Epochs, o.BatchSize, o.PatchSize, o.BaseChannels, o.Seed);
        (LearningRate, WeightDecay, Patience, Monitor, Device, ValSplit, TestSplit) =
            (o.LearningRate, o.WeightDecay, o.Patience, o.Monitor, o.Device, o.ValSplit, o.TestSplit);
        (PatchesPerVolume, NumWorkers, RxDoseGy, NoAugmentation, SaveTopK, MaxValidationCases) =
            (o.PatchesPerVolume, o.NumWorkers, o.RxDoseGy, o.NoAugmentation, o.SaveTopK, o.MaxValidationCases);
        (ValidationGammaSubsample, EvaluateTestSet, CacheBudgetMiB) = (o.ValidationGammaSubsample, o.EvaluateTestSet, o.CacheBudgetMiB);
        var l = o.Loss;
        (UseGradientLoss, GradientLossWeight, UseDvhLoss, DvhLossWeight) =
            (l.UseGradientLoss, l.GradientLossWeight, l.UseDvhLoss, l.DvhLossWeight);
        (DvhD95Weight, DvhVxWeight, DvhDmeanWeight, DvhTemperature) =
            (l.Dvh.D95Weight, l.Dvh.VxWeight, l.Dvh.DmeanWeight, l.Dvh.Temperature);
        (UseStructureWeighted, StructureWeightedWeight, StructurePtvWeight, StructureOarBoundaryWeight) =
            (l.UseStructureWeighted, l.StructureWeightedWeight, l.Structure.PtvWeight, l.Structure.OarBoundaryWeight);
        (StructureBackgroundWeight, StructureBoundaryWidthMm, StructureTauMode) =
            (l.Structure.BackgroundWeight, l.Structure.BoundaryWidthMm, l.Structure.TauMode);
        (UseAsymmetricPtv, AsymmetricPtvWeight, AsymmetricUnderdoseWeight, AsymmetricOverdoseWeight, UseUncertaintyWeighting) =
            (l.UseAsymmetricPtv, l.AsymmetricPtvWeight, l.AsymmetricUnderdoseWeight, l.AsymmetricOverdoseWeight, l.UseUncertaintyWeighting);
    }

    /// <summary>The options the form describes (valid or not: ask <see cref="TrainerOptions.Validate"/>).</summary>
    public TrainerOptions ToOptions()
    {
        var defaults = new TrainerOptions();
        return defaults with
        {
            ExpName = ExpName.Trim(),
            DataDir = DataDir,
            LogDir = LogDir,
            Epochs = Epochs,
            BatchSize = BatchSize,
            PatchSize = PatchSize,
            BaseChannels = BaseChannels,
            Seed = Seed,
            LearningRate = LearningRate,
            WeightDecay = WeightDecay,
            Patience = Patience,
            Monitor = Monitor,
            Device = Device,
            ValSplit = ValSplit,
            TestSplit = TestSplit,
            PatchesPerVolume = PatchesPerVolume,
            NumWorkers = NumWorkers,
            RxDoseGy = RxDoseGy,
            NoAugmentation = NoAugmentation,
            SaveTopK = SaveTopK,
            MaxValidationCases = MaxValidationCases,
            ValidationGammaSubsample = ValidationGammaSubsample,
            EvaluateTestSet = EvaluateTestSet,
            CacheBudgetMiB = CacheBudgetMiB,
            Loss = defaults.Loss with
            {
                UseGradientLoss = UseGradientLoss,
                GradientLossWeight = GradientLossWeight,
                UseDvhLoss = UseDvhLoss,
                DvhLossWeight = DvhLossWeight,
                Dvh = defaults.Loss.Dvh with
                {
                    D95Weight = DvhD95Weight,
                    VxWeight = DvhVxWeight,
                    DmeanWeight = DvhDmeanWeight,
                    Temperature = DvhTemperature,
                },
                UseStructureWeighted = UseStructureWeighted,
                StructureWeightedWeight = StructureWeightedWeight,
                Structure = defaults.Loss.Structure with
                {
                    PtvWeight = StructurePtvWeight,
                    OarBoundaryWeight = StructureOarBoundaryWeight,
                    BackgroundWeight = StructureBackgroundWeight,
                    BoundaryWidthMm = StructureBoundaryWidthMm,
                    TauMode = StructureTauMode,
                },
                UseAsymmetricPtv = UseAsymmetricPtv,
                AsymmetricPtvWeight = AsymmetricPtvWeight,
                AsymmetricUnderdoseWeight = AsymmetricUnderdoseWeight,
                AsymmetricOverdoseWeight = AsymmetricOverdoseWeight,
                UseUncertaintyWeighting = UseUncertaintyWeighting,
            },
        };
    }
}
