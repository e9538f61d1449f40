using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Models;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>How a run ended.</summary>
public enum TrainingStatus
{
    /// <summary>All epochs ran, or early stopping ended it.</summary>
    Completed,

    /// <summary>Cancelled between batches.</summary>
    Cancelled,

    /// <summary>An error ended it; <see cref="TrainingResult.Failure"/> says which.</summary>
    Failed,
}

/// <summary>The end of a run.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="RunFolder">Its folder.</param>
/// <param name="State">Epochs, steps, best value and checkpoints.</param>
/// <param name="Failure">The error message of a failed run.</param>
/// <param name="Test">The test-set prediction and evaluation, when it ran.</param>
public sealed record TrainingResult(TrainingStatus Status, string RunFolder, TrainerState State, string? Failure, PredictionOutcome? Test);

/// <summary>
/// The training loop of reference-spec 5 on the caller's thread: per epoch the cosine learning rate, the batches (loaded
/// ahead in the background), validation on whole validation volumes, metrics.csv, best-k and last checkpoints, early
/// stopping on the monitor; cancellation between batches; at the end the best checkpoint predicts and evaluates the test
/// cases. Everything it reports goes to an <see cref="ITrainingObserver"/> as numbers.
/// </summary>
public static class Trainer
{
    /// <summary>Trains with <paramref name="options"/>. Setup problems (options, dataset, device) throw
    /// <see cref="TrainingSetupException"/> before any file is written; later errors end the run as failed.</summary>
    public static TrainingResult Run(TrainerOptions options, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new TrainingSetupException(string.Join(Environment.NewLine, problems));
        }

        var device = DeviceSelector.Select(options.Device);
        if (device.Problem is { } deviceProblem)
        {
            throw new TrainingSetupException($"--device: {deviceProblem}");
        }

        using var data = TrainingData.Open(options, observer.Log, cancellationToken);
        var torchDevice = new Device(device.Name);
        manual_seed(options.Seed);
        var roles = StructureRoles.For(data.Site, data.ChannelCount);
        using var model = new BaselineUNet3D(1 + data.ChannelCount, options.BaseChannels, data.Site.Constraints.Count);
        model.to(torchDevice);
        using var recipe = new LossRecipe(options.Loss, roles, torchDevice);
        using var step = new TrainingStep(model, recipe, options.LearningRate, options.WeightDecay, torchDevice);
        var checkpoints = new CheckpointStore(Path.Combine(options.RunFolder, "checkpoints"), options.Monitor, options.SaveTopK);
        var state = StartState(options, model, step, checkpoints, observer);
        if (!device.IsCuda && options.BaseChannels % 16 != 0)
        {
            observer.Log($"warning: --base_channels {options.BaseChannels} is not a multiple of 16; libtorch 2.10's CPU backward " +
                "can return non-finite gradients for such widths (those steps are skipped and counted in train/skipped_steps)");
        }

        var files = new RunFolderFiles(options.RunFolder);
        files.WriteConfig(options, model.ParameterCount, data.Site.Name, data.Report, data.Split, device, DateTimeOffset.UtcNow);
        files.WriteTestCases(data.Split, options.DataDir);
        observer.RunStarted(new TrainingStart(options.RunFolder, data.Split, data.Report.Fingerprint, device, model.ParameterCount,
            state.EpochsCompleted, data.BatchesPerEpoch));

        var clock = Stopwatch.StartNew();
        var secondsBefore = state.ElapsedSeconds;
        var status = TrainingStatus.Completed;
        string? failure = null;
        var stoppedEarly = false;
        try
        {
            for (var epoch = state.EpochsCompleted; epoch < options.Epochs; epoch++)
            {
                var row = RunEpoch(options, data, model, step, roles, torchDevice, epoch, state, clock, observer, cancellationToken);
                state = Advance(options, state, row, epoch, secondsBefore + clock.Elapsed.TotalSeconds);
                files.AppendEpoch(row);
                observer.EpochCompleted(epoch, row);
                var monitorValue = row.TryGetValue(options.Monitor, out var m) ? m : double.NaN;
                if (checkpoints.OfferBest(model, epoch, monitorValue, state) is { } best)
                {
                    observer.CheckpointSaved(best);
                }

                observer.CheckpointSaved(checkpoints.SaveLast(model, step.Optimizer, state, monitorValue));
                if (state.EpochsWithoutImprovement >= options.Patience)
                {
                    stoppedEarly = true;
                    observer.Log($"early stopping: {options.Monitor} has not improved for {options.Patience} epochs (best {state.BestValue:F4} at epoch {state.BestEpoch})");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = TrainingStatus.Cancelled;
            observer.Log("cancelled");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            status = TrainingStatus.Failed;
            failure = ex.Message;
            observer.Log($"failed: {ex.Message}");
        }

        state = state with { ElapsedSeconds = secondsBefore + clock.Elapsed.TotalSeconds };
        files.WriteSummary(state, options.Monitor, status.ToString().ToLowerInvariant(), stoppedEarly, failure);
        PredictionOutcome? test = null;
        if (status == TrainingStatus.Completed && options.EvaluateTestSet && state.Best.Count > 0)
        {
            model.load(state.Best[0].Path);
            observer.Log($"predicting {data.Split.Test.Count} test case(s) with {Path.GetFileName(state.Best[0].Path)}");
            test = TestSetPredictor.Run(model, data.TestFiles, Path.Combine(options.RunFolder, "predictions"), options.PatchSize,
                torchDevice, observer.Log, cancellationToken);
        }

        return new TrainingResult(status, options.RunFolder, state, failure, test);
    }

    private static TrainerState StartState(TrainerOptions options, BaselineUNet3D model, TrainingStep step, CheckpointStore checkpoints,
        ITrainingObserver observer)
    {
        if (options.Resume)
        {
            var resumed = checkpoints.LoadLast(model, step.Optimizer);
            observer.Log($"resuming after epoch {resumed.EpochsCompleted - 1} (step {resumed.GlobalStep})");
            return resumed;
        }

        if (options.CheckpointPath is { } path)
        {
            if (!File.Exists(path))
            {
                throw new TrainingSetupException($"--ckpt_path: '{path}' does not exist");
            }

            try
            {
                ModelWeights.LoadInto(model, path, observer.Log);
            }
            catch (CheckpointFormatException ex)
            {
                throw new TrainingSetupException($"--ckpt_path: {ex.Message}");
            }

            observer.Log($"starting from the weights of {path}");
        }

        return new TrainerState();
    }

    private static Dictionary<string, double> RunEpoch(TrainerOptions options, TrainingData data, BaselineUNet3D model,
        TrainingStep step, StructureRoles roles, Device device, int epoch, TrainerState state, Stopwatch clock,
        ITrainingObserver observer, CancellationToken cancellationToken)
    {
        var epochClock = Stopwatch.StartNew();
        var learningRate = CosineSchedule.LearningRate(epoch, options.Epochs, options.LearningRate);
        step.Optimizer.LearningRate = learningRate;
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var batches = 0;
        var globalStep = state.GlobalStep;
        foreach (var batch in data.EpochBatches(epoch, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = step.Run(batch);
            batches++;
            globalStep++;
            foreach (var (key, value) in values)
            {
                sums[key] = sums.GetValueOrDefault(key) + (double.IsFinite(value) ? value : 0);
            }

            observer.BatchCompleted(new BatchProgress(epoch, batches, data.BatchesPerEpoch, globalStep, values["loss"],
                TimeSpan.FromSeconds(state.ElapsedSeconds) + clock.Elapsed));
        }

        var row = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["epoch"] = epoch,
            ["step"] = globalStep,
            ["lr-AdamW"] = learningRate,
        };
        var applied = Math.Max(1, batches - (int)sums.GetValueOrDefault("skipped_step"));
        foreach (var (key, sum) in sums)
        {
            switch (key)
            {
                case "skipped_step":
                    row["train/skipped_steps"] = sum;
                    break;
                case "loss":
                    row["train/loss_epoch"] = sum / applied;
                    break;
                default:
                    row["train/" + key] = sum / applied;
                    break;
            }
        }

        var validation = data.Split.Validation.Take(options.MaxValidationCases ?? int.MaxValue).Select(id =>
        {
            var volume = data.Load(id);
            var prediction = ModelInference.PredictVolume(model, volume, options.PatchSize, device, cancellationToken);
            return (IReadOnlyDictionary<string, double>)TrainingMetrics.ForCase(volume, prediction, roles, options.RxDoseGy,
                options.ValidationGammaSubsample, cancellationToken);
        }).ToList();
        foreach (var (key, value) in TrainingMetrics.Mean(validation))
        {
            row[key] = value;
        }

        row["epoch_time_sec"] = epochClock.Elapsed.TotalSeconds;
        observer.Log(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch}: train/loss {row.GetValueOrDefault("train/loss_epoch"):F5}, val/mae_gy {row.GetValueOrDefault("val/mae_gy", double.NaN):F3} Gy, {row["epoch_time_sec"]:F1} s"));
        return row;
    }

    private static TrainerState Advance(TrainerOptions options, TrainerState state, Dictionary<string, double> row, int epoch, double elapsedSeconds)
    {
        var value = row.TryGetValue(options.Monitor, out var v) ? v : double.NaN;
        var improved = double.IsFinite(value) && value < state.BestValue;
        return state with
        {
            EpochsCompleted = epoch + 1,
            GlobalStep = (long)row["step"],
            BestValue = improved ? value : state.BestValue,
            BestEpoch = improved ? epoch : state.BestEpoch,
            EpochsWithoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1,
            ElapsedSeconds = elapsedSeconds,
        };
    }
}
