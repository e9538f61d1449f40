using System.Globalization;
using System.Text.Json;
using VmatTracker.Engine.Models;

namespace VmatTracker.Engine.Training;

/// <summary>Where a run stands after an epoch: what resuming needs besides weights and optimizer moments.</summary>
public sealed record TrainerState
{
    /// <summary>Epochs completed.</summary>
    public int EpochsCompleted { get; init; }

    /// <summary>Optimisation steps taken.</summary>
    public long GlobalStep { get; init; }

    /// <summary>Best monitored value so far.</summary>
    public double BestValue { get; init; } = double.PositiveInfinity;

    /// <summary>Epoch of <see cref="BestValue"/>.</summary>
    public int BestEpoch { get; init; } = -1;

    /// <summary>Epochs since the monitor last improved (early stopping's counter).</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Training seconds before this session (a resumed run adds to them).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>The best-k checkpoints kept, best first.</summary>
    public List<CheckpointInfo> Best { get; init; } = [];
}

/// <summary>
/// The run's checkpoints folder: the best k by the monitor (best-epoch=NNN-val_mae_gy=X.XXX.dat) and last.dat, each a
/// TorchSharp state dict of the model; last.dat also has last.optimizer.dat (AdamW moments) and last.state.json
/// (<see cref="TrainerState"/>) beside it. Every file is written to a temporary name and renamed, so a crash never
/// leaves a half-written checkpoint in place of a good one.
/// </summary>
public sealed class CheckpointStore(string folder, string monitor, int keepBest)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The checkpoints folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>Path of last.dat.</summary>
    public string LastPath => Path.Combine(Folder, "last.dat");

    /// <summary>The file name of a best checkpoint (the monitor's '/' written as '_').</summary>
    public string BestFileName(int epoch, double value) => string.Create(CultureInfo.InvariantCulture,
        $"best-epoch={epoch:000}-{monitor.Replace('/', '_')}={value:F3}.dat");

    /// <summary>Saves the model as a best checkpoint if it ranks in the top k; removes the one it displaces.</summary>
    public CheckpointInfo? OfferBest(BaselineUNet3D model, int epoch, double value, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        if (!double.IsFinite(value) || (state.Best.Count >= keepBest && value >= state.Best[^1].MonitorValue))
        {
            return null;
        }

        Directory.CreateDirectory(Folder);
        var info = new CheckpointInfo(Path.Combine(Folder, BestFileName(epoch, value)), epoch, value, true);
        WriteAtomically(info.Path, path => model.save(path));
        state.Best.Add(info);
        // Ranked by value, ties by epoch (List.Sort is not stable): on a tie the earlier checkpoint stays the best, as
        // Lightning's ModelCheckpoint keeps it, and the recorded best and the one the test set is evaluated with agree.
        state.Best.Sort((a, b) => a.MonitorValue != b.MonitorValue ? a.MonitorValue.CompareTo(b.MonitorValue) : a.Epoch.CompareTo(b.Epoch));
        while (state.Best.Count > keepBest)
        {
            var dropped = state.Best[^1];
            state.Best.RemoveAt(state.Best.Count - 1);
            File.Delete(dropped.Path);
        }

        return info;
    }

    /// <summary>Writes last.dat, last.optimizer.dat and last.state.json.</summary>
    public CheckpointInfo SaveLast(BaselineUNet3D model, AdamWOptimizer optimizer, TrainerState state, double monitorValue)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        Directory.CreateDirectory(Folder);
        WriteAtomically(LastPath, path => model.save(path));
        WriteAtomically(OptimizerPath, path =>
        {
            using var writer = new BinaryWriter(File.Create(path));
            optimizer.Save(writer);
        });
        WriteAtomically(StatePath, path => File.WriteAllText(path, JsonSerializer.Serialize(state, s_json)));
        return new CheckpointInfo(LastPath, state.EpochsCompleted - 1, monitorValue, false);
    }

    /// <summary>Loads last.dat into <paramref name="model"/> and its optimizer state; returns the trainer state.</summary>
    public TrainerState LoadLast(BaselineUNet3D model, AdamWOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (var required in new[] { LastPath, OptimizerPath, StatePath })
        {
            if (!File.Exists(required))
            {
                throw new FileNotFoundException($"--resume: {required} is missing; the run has no complete last checkpoint", required);
            }
        }

        model.load(LastPath);
        using (var reader = new BinaryReader(File.OpenRead(OptimizerPath)))
        {
            optimizer.Load(reader);
        }

        return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(StatePath), s_json)
            ?? throw new InvalidDataException($"{StatePath}: empty trainer state");
    }

    private string OptimizerPath => Path.Combine(Folder, "last.optimizer.dat");

    private string StatePath => Path.Combine(Folder, "last.state.json");

    private static void WriteAtomically(string path, Action<string> write)
    {
        var temporary = path + ".partial";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
