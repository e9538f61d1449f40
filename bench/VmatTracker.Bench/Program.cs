using System.Globalization;
using VmatTracker.Bench;

// A small dispatcher: one subcommand per benchmark, so more can be added beside "phantom".
var commands = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["phantom"] = PhantomBenchmark.Run,
    ["store-ingest"] = StoreIngestBenchmark.Run,
    ["store-scale"] = StoreScaleBenchmark.Run,
    ["gamma"] = GammaBenchmark.Run,
    ["train-step"] = TrainStepBenchmark.Run,
    ["mean-predictor"] = MeanPredictorBenchmark.Run,
    ["live-latency"] = LiveLatencyBenchmark.Run,
    ["loader"] = LoaderBenchmark.Run,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"usage: VmatTracker.Bench <{string.Join('|', commands.Keys)}> [options]"));
    return 2;
}

return command(args[1..]);
