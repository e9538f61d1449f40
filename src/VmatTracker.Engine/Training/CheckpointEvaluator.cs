using TorchSharp;
using VmatTracker.Engine.Models;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>
/// Evaluates any checkpoint of a run on that run's test split: the same dataset scan and seeded split the trainer used
/// (<see cref="TrainingData.Open"/> with the run's options), the run's model shape, then <see cref="TestSetPredictor"/>
/// writes the predictions and evaluation_results.json (with dvh/ and slices/) into the output folder, exactly as the
/// trainer does for its best checkpoint at the end of a run.
/// </summary>
public static class CheckpointEvaluator
{
    /// <summary>Predicts and evaluates the test cases of a run trained with <paramref name="options"/> using the weights
    /// in <paramref name="checkpointPath"/>.</summary>
    /// <exception cref="TrainingSetupException">The checkpoint, the data or the device cannot be used; the message says
    /// which and why.</exception>
    public static PredictionOutcome Evaluate(TrainerOptions options, string checkpointPath, string outputFolder, Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(checkpointPath))
        {
            throw new TrainingSetupException($"checkpoint: '{checkpointPath}' does not exist");
        }

        var device = DeviceSelector.Select(options.Device);
        if (device.Problem is { } deviceProblem)
        {
            throw new TrainingSetupException($"--device: {deviceProblem}");
        }

        using var data = TrainingData.Open(options, log, cancellationToken);
        using var model = new BaselineUNet3D(1 + data.ChannelCount, options.BaseChannels, data.Site.Constraints.Count);
        try
        {
            model.load(checkpointPath);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or EndOfStreamException)
        {
            throw new TrainingSetupException(
                $"checkpoint: '{checkpointPath}' does not fit a base-{options.BaseChannels} model with {data.ChannelCount} structure channels: {ex.Message}", ex);
        }

        var torchDevice = new Device(device.Name);
        model.to(torchDevice);
        log($"predicting {data.Split.Test.Count} test case(s) with {Path.GetFileName(checkpointPath)}");
        return TestSetPredictor.Run(model, data.TestFiles, outputFolder, options.PatchSize, torchDevice, log, cancellationToken);
    }
}
