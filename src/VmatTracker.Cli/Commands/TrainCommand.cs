using System.CommandLine;
using System.Globalization;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Training;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat train</c>: the reference's training script, flag for flag (reference-spec 5), on this trainer. The run is
/// recorded in the tracking store (<c>--db</c>, else VMAT_DB, else the per-user default) unless <c>--no-record</c>,
/// or on a VmatTracker server with <c>--tracker URL</c>.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var flags = new TrainFlags();
        var command = new Command("train", "Train the reference U-Net on a folder of cases (the reference's flags; run folder <log_dir>/<exp_name>), recorded in the tracking store.");
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        var db = CliStore.DbOption();
        var noRecord = new Option<bool>("--no-record") { Description = "Train without recording the run in the tracking store." };
        var experiment = new Option<string?>("--experiment") { Description = "Experiment the recorded run is filed under (default: default)." };
        var tracker = new Option<string?>("--tracker")
        {
            Description = "Record the run on a VmatTracker server (its address, e.g. http://127.0.0.1:5185) through its ingest API instead of the local store.",
        };
        command.Options.Add(db);
        command.Options.Add(noRecord);
        command.Options.Add(experiment);
        command.Options.Add(tracker);
        command.SetAction(async (parsed, outerToken) =>
        {
            using var signals = new SignalCancellation(console.Error, outerToken);
            var token = signals.Token;
            var (options, problems) = flags.Build(parsed);
            if (options is null || problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    console.Error.WriteLine($"error: {problem}");
                }

                return 2;
            }

            var trackerText = parsed.GetValue(tracker);
            if (trackerText is not null && (parsed.GetValue(noRecord) || parsed.GetValue(db) is not null))
            {
                console.Error.WriteLine($"error: --tracker: records on the server; it cannot be combined with {(parsed.GetValue(noRecord) ? "--no-record" : "--db")}");
                return 2;
            }

            if (parsed.GetValue(noRecord))
            {
                return Run(console, options, recorded: null, signals);
            }

            if (!Directory.Exists(options.DataDir))
            {
                // Refused before the store is opened: a mistyped folder leaves no failed run behind.
                console.Error.WriteLine($"error: --data_dir: the folder '{options.DataDir}' does not exist");
                return 1;
            }

            if (trackerText is not null)
            {
                return await TrackerTraining.RunAsync(console, options, trackerText, parsed.GetValue(experiment),
                    (runner, runId) => Run(console, options, (runner, runId), signals), token).ConfigureAwait(false);
            }

            var runner = await CliTraining.OpenRunnerAsync(parsed.GetValue(db), token).ConfigureAwait(false);
            var runId = await runner.Runner.QueueAsync(options, new RunRequest(parsed.GetValue(experiment)), token).ConfigureAwait(false);
            console.Error.WriteLine($"recording as run {runId} in {runner.DatabasePath}");
            return Run(console, options, (runner.Runner, runId), signals);
        });
        return command;
    }

    private static int Run(CliConsole console, TrainerOptions options, (TrainingRunner Runner, long RunId)? recorded, SignalCancellation signals)
    {
        try
        {
            var observer = new ConsoleTrainingObserver(console, options.Epochs);
            var result = recorded is { } r
                ? r.Runner.Run(r.RunId, options, signals.Token, observer, () => signals.Reason)
                : Trainer.Run(options, observer, signals.Token);
            observer.Finish();
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Status.ToString().ToLowerInvariant()}: {result.State.EpochsCompleted} epoch(s), best {options.Monitor} {Describe(result.State.BestValue)} at epoch {result.State.BestEpoch}; run folder {Path.GetFullPath(result.RunFolder)}"));
            if (result.Test is { } test)
            {
                console.Out.WriteLine($"test set: {test.Evaluated.Count} case(s) evaluated, {test.Failures.Count} failed; {test.EvaluationPath}");
            }

            if (recorded is { } done)
            {
                console.Out.WriteLine($"run ID: {done.RunId}");
            }

            return result.Status switch
            {
                TrainingStatus.Completed => 0,
                TrainingStatus.Cancelled => signals.ExitCode,
                _ => 1,
            };
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            console.Error.WriteLine($"cancelled before training began{(signals.Reason is { } why ? $" ({why})" : "")}");
            return signals.ExitCode;
        }
        catch (TrainingSetupException ex)
        {
            foreach (var line in ex.Message.Split(Environment.NewLine))
            {
                console.Error.WriteLine($"error: {line}");
            }

            return 1;
        }
    }

    private static string Describe(double value) =>
        double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>Progress on the console: one status line rewritten in place on a terminal (epoch, batch, loss, ETA), or a
/// line per epoch when the output is redirected; log messages on their own lines.</summary>
internal sealed class ConsoleTrainingObserver(CliConsole console, int totalEpochs) : ITrainingObserver
{
    private readonly bool _interactive = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected;
    private int _epochs;
    private int _startEpoch;
    private int _lastLength;

    public void RunStarted(TrainingStart start)
    {
        _startEpoch = start.StartEpoch;
        console.Error.WriteLine($"training on {start.Device.Name}: {start.ParameterCount:N0} parameters, split {start.Split.Train.Count}/{start.Split.Validation.Count}/{start.Split.Test.Count}, {start.BatchesPerEpoch} batches per epoch; run folder {start.RunFolder}");
    }

    public void BatchCompleted(BatchProgress progress)
    {
        if (!_interactive)
        {
            return;
        }

        var remaining = progress.Remaining(_startEpoch, totalEpochs) ?? TimeSpan.Zero;
        var filled = (int)Math.Round(20.0 * progress.Batch / progress.BatchesPerEpoch);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {progress.Epoch + 1}/{totalEpochs} [{new string('#', filled)}{new string('.', 20 - filled)}] batch {progress.Batch}/{progress.BatchesPerEpoch} loss {progress.Loss:F5} ETA {remaining:hh\\:mm\\:ss} (at most; early stopping ends sooner)");
        console.Error.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
    }

    public void EpochCompleted(int epoch, IReadOnlyDictionary<string, double> metrics) => _epochs++;

    public void CheckpointSaved(CheckpointInfo checkpoint)
    {
    }

    public void Log(string message)
    {
        if (_interactive && _lastLength > 0)
        {
            console.Error.Write("\r" + new string(' ', _lastLength) + "\r");
            _lastLength = 0;
        }

        console.Error.WriteLine(message);
    }

    public void Finish()
    {
        if (_interactive && _lastLength > 0)
        {
            console.Error.WriteLine();
        }
    }
}
