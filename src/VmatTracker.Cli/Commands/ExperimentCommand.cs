using System.CommandLine;
using System.Globalization;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Presets;
using VmatTracker.Runs.Training;

namespace VmatTracker.Cli.Commands;

/// <summary>
/// <c>vmat experiment reproduce-seed</c>: the seed record's four runs (optionally the pilot-τ fifth) at a chosen size,
/// one after the other in this process, each recorded in the store and its best checkpoint evaluated on the test split;
/// then the run IDs, the compare page and the report command.
/// </summary>
public static class ExperimentCommand
{
    /// <summary>Builds the <c>experiment</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Folder of case NPZ files.", Required = true };
        var size = new Option<string>("--size")
        {
            Description = "smoke (minutes), demo (about an hour on a 2-core CPU) or full (the seed's settings, for a GPU).",
            Required = true,
        };
        var seeds = new Option<string>("--seeds") { Description = "Seeds, comma-separated; each repeats every recipe.", DefaultValueFactory = _ => "42" };
        var pilotTau = new Option<bool>("--include-pilot-tau") { Description = "Add the record's own structure-weighted run with the pilot's tau as a fifth run." };
        var logDir = new Option<string>("--log-dir") { Description = "Parent folder of the run folders.", DefaultValueFactory = _ => "./runs" };
        var experiment = new Option<string>("--experiment") { Description = "Experiment the runs are filed under.", DefaultValueFactory = _ => SeedExperiment.DefaultExperimentName };
        var epochs = new Option<int?>("--epochs") { Description = "Override the size's maximum epochs (and patience)." };
        var baseChannels = new Option<int?>("--base-channels") { Description = "Override the size's U-Net width." };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var numWorkers = new Option<int?>("--num-workers") { Description = "Batches loaded ahead in the background (default: the trainer's)." };
        var db = CliStore.DbOption();
        var reproduce = new Command("reproduce-seed", "Train and evaluate the seed record's runs (Baseline; Gradient 0.1; + DVH-aware 0.5; + Structure-weighted 1.0 at batch 1), recorded in the store.")
        {
            dataDir, size, seeds, pilotTau, logDir, experiment, epochs, baseChannels, device, numWorkers, db,
        };
        reproduce.SetAction(async (parsed, token) =>
        {
            var profile = SizeProfile.Find(parsed.GetValue(size));
            if (profile is null)
            {
                console.Error.WriteLine($"error: --size: '{parsed.GetValue(size)}' is not one of {string.Join(", ", SizeProfile.All.Select(p => p.Key))}");
                return 2;
            }

            if (!SeedExperiment.TryParseSeeds(parsed.GetValue(seeds) ?? "", out var seedList, out var seedProblem))
            {
                console.Error.WriteLine($"error: --seeds: {seedProblem}");
                return 2;
            }

            var epochOverride = parsed.GetValue(epochs);
            var widthOverride = parsed.GetValue(baseChannels);
            var workers = parsed.GetValue(numWorkers);
            var plan = SeedExperiment.Plan(parsed.GetValue(dataDir)!, parsed.GetValue(logDir)!, profile, seedList, parsed.GetValue(pilotTau), o => o with
            {
                Epochs = epochOverride ?? o.Epochs,
                Patience = epochOverride ?? o.Patience,
                BaseChannels = widthOverride ?? o.BaseChannels,
                Device = parsed.GetValue(device)!,
                NumWorkers = workers ?? o.NumWorkers,
            });
            var problems = plan.SelectMany(r => r.Options.Validate()).Distinct(StringComparer.Ordinal).ToList();
            if (problems.Count > 0)
            {
                problems.ForEach(p => console.Error.WriteLine($"error: {p}"));
                return 2;
            }

            if (!Directory.Exists(plan[0].Options.DataDir))
            {
                console.Error.WriteLine($"error: --data_dir: the folder '{plan[0].Options.DataDir}' does not exist");
                return 1;
            }

            using var signals = new SignalCancellation(console.Error, token);
            return await RunAsync(console, plan, profile, parsed.GetValue(experiment)!, parsed.GetValue(db), signals).ConfigureAwait(false);
        });
        return new Command("experiment", "Run planned experiments.") { reproduce };
    }

    private static async Task<int> RunAsync(CliConsole console, IReadOnlyList<PlannedRun> plan, SizeProfile profile, string experiment,
        string? db, SignalCancellation signals)
    {
        var token = signals.Token;
        var (runner, recorder, databasePath) = await CliTraining.OpenRunnerAsync(db, token).ConfigureAwait(false);
        var ids = new List<long>();
        foreach (var run in plan)
        {
            ids.Add(await runner.QueueAsync(run.Options, new RunRequest(experiment, run.Tags, $"vmat experiment reproduce-seed, size {profile.Key}: {run.Recipe.DisplayName}"),
                token).ConfigureAwait(false));
        }

        console.Error.WriteLine($"queued {ids.Count} run(s) in {databasePath}, size {profile.Key} ({profile.Description})");
        var outcomes = new List<(PlannedRun Run, long Id, TrainingResult? Result)>();
        for (var i = 0; i < plan.Count; i++)
        {
            var (run, id) = (plan[i], ids[i]);
            if (token.IsCancellationRequested)
            {
                // Never started: they end cancelled rather than sit in the queue forever.
                await recorder.CancelAsync(id, signals.Reason, CancellationToken.None).ConfigureAwait(false);
                outcomes.Add((run, id, null));
                continue;
            }

            console.Error.WriteLine($"[{i + 1}/{plan.Count}] run {id} {run.Options.ExpName}: {run.Recipe.DisplayName}, seed {run.Seed}, batch {run.Options.BatchSize}");
            var observer = new ConsoleTrainingObserver(console, run.Options.Epochs);
            try
            {
                outcomes.Add((run, id, runner.Run(id, run.Options, token, observer, () => signals.Reason)));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                outcomes.Add((run, id, null));
            }
            catch (TrainingSetupException ex)
            {
                // The same data and device serve every run: a setup refusal would repeat, so the rest end cancelled.
                console.Error.WriteLine($"error: run {id}: {ex.Message}");
                outcomes.Add((run, id, null));
                for (var rest = i + 1; rest < plan.Count; rest++)
                {
                    await recorder.CancelAsync(ids[rest], CancellationToken.None).ConfigureAwait(false);
                    outcomes.Add((plan[rest], ids[rest], null));
                }

                break;
            }
            finally
            {
                observer.Finish();
            }
        }

        Summarise(console, outcomes);
        console.Out.WriteLine($"run IDs: {string.Join(',', ids)}");
        console.Out.WriteLine($"compare: {SeedExperiment.ComparePath(ids)}");
        console.Out.WriteLine($"report: {SeedExperiment.ReportCommand(ids)}");
        return outcomes.All(o => o.Result?.Status == TrainingStatus.Completed) ? 0
            : token.IsCancellationRequested ? signals.ExitCode : 1;
    }

    private static void Summarise(CliConsole console, List<(PlannedRun Run, long Id, TrainingResult? Result)> outcomes)
    {
        foreach (var (run, id, result) in outcomes)
        {
            var status = result?.Status.ToString().ToLowerInvariant() ?? "not run";
            var best = result is { } r && double.IsFinite(r.State.BestValue)
                ? r.State.BestValue.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
            var test = result?.Test is { } t ? $", {t.Evaluated.Count} test case(s) evaluated" : "";
            console.Out.WriteLine($"run {id} {run.Options.ExpName}: {status}, best {run.Options.Monitor} {best}{test}");
        }
    }
}
