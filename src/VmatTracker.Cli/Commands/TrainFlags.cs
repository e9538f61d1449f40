using System.CommandLine;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Training;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// Every flag of the reference's training script (kebab-case here; the snake_case spellings are mapped by
/// <see cref="CliOptions.NormaliseSpellings"/>), with its defaults, turned into <see cref="TrainerOptions"/>. Flags the
/// reference has but this trainer does not implement (--architecture, --devices, --strategy, the VGG loss) are
/// accepted at their reference defaults and refused with a message otherwise.
/// </summary>
internal sealed class TrainFlags
{
    private static readonly TrainerOptions s_defaults = new();
    private static readonly LossOptions s_loss = new();

    private readonly List<Option> _all = [];

    public TrainFlags()
    {
        ExpName = Add(new Option<string>("--exp-name") { Description = "Run name; files go to <log_dir>/<exp_name>.", DefaultValueFactory = _ => s_defaults.ExpName });
        DataDir = Add(new Option<string>("--data-dir") { Description = "Folder of case NPZ files.", Required = true });
        LogDir = Add(new Option<string>("--log-dir") { Description = "Parent folder of run folders.", DefaultValueFactory = _ => "./runs" });
        Epochs = Number("--epochs", s_defaults.Epochs, "Maximum epochs.");
        BatchSize = Number("--batch-size", s_defaults.BatchSize, "Patches per step.");
        PatchSize = Number("--patch-size", s_defaults.PatchSize, "Cubic patch edge in voxels (multiple of 16).");
        BaseChannels = Number("--base-channels", s_defaults.BaseChannels, "Width of the first U-Net level.");
        Seed = Number("--seed", s_defaults.Seed, "Seed of the split, sampling, augmentation and weights.");
        Patience = Number("--patience", s_defaults.Patience, "Early-stopping patience in epochs.");
        PatchesPerVolume = Number("--patches-per-volume", s_defaults.PatchesPerVolume, "Patches per training case per epoch.");
        NumWorkers = Number("--num-workers", s_defaults.NumWorkers, "Batches loaded ahead in the background (0: none).");
        SaveTopK = Number("--save-top-k", s_defaults.SaveTopK, "Best checkpoints kept.");
        Lr = Real("--lr", s_defaults.LearningRate, "Peak learning rate (cosine schedule to 1e-6).");
        WeightDecay = Real("--weight-decay", s_defaults.WeightDecay, "AdamW weight decay.");
        ValSplit = Real("--val-split", s_defaults.ValSplit, "Validation fraction (the reference's 0.1 only).");
        TestSplit = Real("--test-split", s_defaults.TestSplit, "Test fraction (the reference's 0.1 only).");
        RxDoseGy = Real("--rx-dose-gy", s_defaults.RxDoseGy, "Dose that 1.0 stands for, in Gy.");
        Device = Add(new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" });
        Monitor = Add(new Option<string>("--monitor") { Description = "Metric for early stopping and best checkpoints.", DefaultValueFactory = _ => s_defaults.Monitor });
        Resume = Flag("--resume", "Continue from <run folder>/checkpoints/last.dat.");
        CheckpointPath = Add(new Option<string?>("--ckpt-path") { Description = "Start from these weights (a .dat checkpoint or a reference Lightning .ckpt)." });
        CaseCacheDir = Add(new Option<string?>("--case-cache-dir")
        {
            Description = "Folder of the memory-mapped case cache (default <log_dir>/.case-cache; 'none' reads the NPZ files directly).",
        });
        NoAugmentation = Flag("--no-augmentation", "Switch every augmentation off.");
        SkipInvalid = Flag("--skip-invalid", "Train on the valid cases when the data folder also holds invalid ones (refused otherwise).");
        CalibrationJson = Add(new Option<string?>("--calibration-json") { Description = "Calibration values recorded with the run." });
        UseGradient = Flag("--use-gradient-loss", "Add the 3D Sobel gradient loss.");
        GradientWeight = Real("--gradient-loss-weight", s_loss.GradientLossWeight, "Gradient loss weight.");
        UseDvh = Flag("--use-dvh-loss", "Add the DVH-aware loss.");
        DvhWeight = Real("--dvh-loss-weight", s_loss.DvhLossWeight, "DVH loss weight.");
        DvhD95 = Real("--dvh-d95-weight", s_loss.Dvh.D95Weight, "Weight of the target D95 terms.");
        DvhVx = Real("--dvh-vx-weight", s_loss.Dvh.VxWeight, "Weight of the V70 terms.");
        DvhDmean = Real("--dvh-dmean-weight", s_loss.Dvh.DmeanWeight, "Weight of the mean-dose terms.");
        DvhTemperature = Real("--dvh-temperature", s_loss.Dvh.Temperature, "Soft-DVH temperature.");
        UseStructure = Flag("--use-structure-weighted", "Add the structure-weighted MSE.");
        StructureWeight = Real("--structure-weighted-weight", s_loss.StructureWeightedWeight, "Structure-weighted loss weight.");
        StructurePtv = Real("--structure-ptv-weight", s_loss.Structure.PtvWeight, "Weight inside targets.");
        StructureOar = Real("--structure-oar-boundary-weight", s_loss.Structure.OarBoundaryWeight, "Weight in organ boundary bands.");
        StructureBackground = Real("--structure-background-weight", s_loss.Structure.BackgroundWeight, "Weight elsewhere.");
        StructureWidth = Real("--structure-boundary-width-mm", s_loss.Structure.BoundaryWidthMm, "Boundary band half-width in mm.");
        TauMode = Add(new Option<StructureTauMode>("--structure-tau-mode")
        {
            Description = "corrected (band = width/sdf_clip) or pilot (the pilot's tau 2.0, as the seed's 31.2 % run).",
            DefaultValueFactory = _ => StructureTauMode.Corrected,
        });
        UseAsymmetric = Flag("--use-asymmetric-ptv", "Add the asymmetric PTV loss.");
        AsymmetricWeight = Real("--asymmetric-ptv-weight", s_loss.AsymmetricPtvWeight, "Asymmetric PTV loss weight.");
        Underdose = Real("--asymmetric-underdose-weight", s_loss.AsymmetricUnderdoseWeight, "Penalty factor for underdose.");
        Overdose = Real("--asymmetric-overdose-weight", s_loss.AsymmetricOverdoseWeight, "Penalty factor for overdose.");
        UseUncertainty = Flag("--use-uncertainty-weighting", "Learn the term weights (Kendall).");
        Architecture = Add(new Option<string>("--architecture") { Description = "Only 'baseline' is implemented.", DefaultValueFactory = _ => "baseline" });
        Devices = Add(new Option<int>("--devices") { Description = "Only 1 is supported.", DefaultValueFactory = _ => 1 });
        Strategy = Add(new Option<string>("--strategy") { Description = "Only 'auto' is supported.", DefaultValueFactory = _ => "auto" });
        UseVgg = Flag("--use-vgg-loss", "Not implemented (the reference abandoned it).");
        VggWeight = Real("--vgg-loss-weight", 0.001, "Not used.");
    }

    public IReadOnlyList<Option> All => _all;

    public Option<string> ExpName { get; }
    public Option<string> DataDir { get; }
    public Option<string> LogDir { get; }
    public Option<int> Epochs { get; }
    public Option<int> BatchSize { get; }
    public Option<int> PatchSize { get; }
    public Option<int> BaseChannels { get; }
    public Option<int> Seed { get; }
    public Option<int> Patience { get; }
    public Option<int> PatchesPerVolume { get; }
    public Option<int> NumWorkers { get; }
    public Option<int> SaveTopK { get; }
    public Option<double> Lr { get; }
    public Option<double> WeightDecay { get; }
    public Option<double> ValSplit { get; }
    public Option<double> TestSplit { get; }
    public Option<double> RxDoseGy { get; }
    public Option<string> Device { get; }
    public Option<string> Monitor { get; }
    public Option<bool> Resume { get; }
    public Option<string?> CheckpointPath { get; }
    public Option<bool> NoAugmentation { get; }
    public Option<bool> SkipInvalid { get; }
    public Option<string?> CalibrationJson { get; }
    public Option<string?> CaseCacheDir { get; }
    public Option<bool> UseGradient { get; }
    public Option<double> GradientWeight { get; }
    public Option<bool> UseDvh { get; }
    public Option<double> DvhWeight { get; }
    public Option<double> DvhD95 { get; }
    public Option<double> DvhVx { get; }
    public Option<double> DvhDmean { get; }
    public Option<double> DvhTemperature { get; }
    public Option<bool> UseStructure { get; }
    public Option<double> StructureWeight { get; }
    public Option<double> StructurePtv { get; }
    public Option<double> StructureOar { get; }
    public Option<double> StructureBackground { get; }
    public Option<double> StructureWidth { get; }
    public Option<StructureTauMode> TauMode { get; }
    public Option<bool> UseAsymmetric { get; }
    public Option<double> AsymmetricWeight { get; }
    public Option<double> Underdose { get; }
    public Option<double> Overdose { get; }
    public Option<bool> UseUncertainty { get; }
    public Option<string> Architecture { get; }
    public Option<int> Devices { get; }
    public Option<string> Strategy { get; }
    public Option<bool> UseVgg { get; }
    public Option<double> VggWeight { get; }

    /// <summary>The trainer options the parsed flags describe, or the problems with the flags this trainer refuses.</summary>
    public (TrainerOptions? Options, IReadOnlyList<string> Problems) Build(ParseResult parsed)
    {
        var problems = new List<string>();
        if (!string.Equals(parsed.GetValue(Architecture), "baseline", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"--architecture: '{parsed.GetValue(Architecture)}' is not implemented; only 'baseline' (the reference U-Net) is");
        }

        if (parsed.GetValue(Devices) != 1)
        {
            problems.Add($"--devices: {parsed.GetValue(Devices)} is not supported; training runs on one device (pick it with --device)");
        }

        if (!string.Equals(parsed.GetValue(Strategy), "auto", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"--strategy: '{parsed.GetValue(Strategy)}' is not supported; only 'auto'");
        }

        if (parsed.GetValue(UseVgg))
        {
            problems.Add("--use-vgg-loss: the VGG perceptual loss is not implemented (the reference abandoned it; reference-spec 3.3)");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var loss = new LossOptions
        {
            UseGradientLoss = parsed.GetValue(UseGradient),
            GradientLossWeight = parsed.GetValue(GradientWeight),
            UseDvhLoss = parsed.GetValue(UseDvh),
            DvhLossWeight = parsed.GetValue(DvhWeight),
            Dvh = new DvhAwareOptions
            {
                D95Weight = parsed.GetValue(DvhD95),
                VxWeight = parsed.GetValue(DvhVx),
                DmeanWeight = parsed.GetValue(DvhDmean),
                Temperature = parsed.GetValue(DvhTemperature),
            },
            UseStructureWeighted = parsed.GetValue(UseStructure),
            StructureWeightedWeight = parsed.GetValue(StructureWeight),
            Structure = new StructureWeightedOptions
            {
                PtvWeight = parsed.GetValue(StructurePtv),
                OarBoundaryWeight = parsed.GetValue(StructureOar),
                BackgroundWeight = parsed.GetValue(StructureBackground),
                BoundaryWidthMm = parsed.GetValue(StructureWidth),
                TauMode = parsed.GetValue(TauMode),
            },
            UseAsymmetricPtv = parsed.GetValue(UseAsymmetric),
            AsymmetricPtvWeight = parsed.GetValue(AsymmetricWeight),
            AsymmetricUnderdoseWeight = parsed.GetValue(Underdose),
            AsymmetricOverdoseWeight = parsed.GetValue(Overdose),
            UseUncertaintyWeighting = parsed.GetValue(UseUncertainty),
        };
        var options = new TrainerOptions
        {
            ExpName = parsed.GetValue(ExpName)!,
            DataDir = parsed.GetValue(DataDir)!,
            LogDir = parsed.GetValue(LogDir)!,
            Loss = loss,
            Epochs = parsed.GetValue(Epochs),
            BatchSize = parsed.GetValue(BatchSize),
            PatchSize = parsed.GetValue(PatchSize),
            BaseChannels = parsed.GetValue(BaseChannels),
            Seed = parsed.GetValue(Seed),
            LearningRate = parsed.GetValue(Lr),
            WeightDecay = parsed.GetValue(WeightDecay),
            Patience = parsed.GetValue(Patience),
            Monitor = parsed.GetValue(Monitor)!,
            Device = parsed.GetValue(Device)!,
            ValSplit = parsed.GetValue(ValSplit),
            TestSplit = parsed.GetValue(TestSplit),
            PatchesPerVolume = parsed.GetValue(PatchesPerVolume),
            NumWorkers = parsed.GetValue(NumWorkers),
            RxDoseGy = parsed.GetValue(RxDoseGy),
            Resume = parsed.GetValue(Resume),
            CheckpointPath = parsed.GetValue(CheckpointPath),
            NoAugmentation = parsed.GetValue(NoAugmentation),
            SkipInvalid = parsed.GetValue(SkipInvalid),
            SaveTopK = parsed.GetValue(SaveTopK),
            CalibrationJson = parsed.GetValue(CalibrationJson),
            CaseCacheDir = parsed.GetValue(CaseCacheDir),
        };
        return (options, options.Validate());
    }

    private Option<T> Add<T>(Option<T> option)
    {
        _all.Add(option);
        return option;
    }

    private Option<int> Number(string name, int value, string description) =>
        Add(new Option<int>(name) { Description = description, DefaultValueFactory = _ => value });

    private Option<double> Real(string name, double value, string description) =>
        Add(new Option<double>(name) { Description = description, DefaultValueFactory = _ => value });

    private Option<bool> Flag(string name, string description) => Add(new Option<bool>(name) { Description = description });
}
