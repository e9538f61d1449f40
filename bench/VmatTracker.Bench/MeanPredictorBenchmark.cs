using System.Globalization;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Bench;

/// <summary>
/// The yardstick of the learning check: the population-mean dose predictor (the voxel-wise mean of the training
/// cases' doses, predicted for every test case) and its whole-volume MAE in Gy on the seeded split's test cases, the
/// same cases and metric `vmat train` reports for the model. All cases must share one shape.
/// Options: --data-dir DIR (required), --seed 42, --rx-gy 70.
/// </summary>
internal static class MeanPredictorBenchmark
{
    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args, new HashSet<string>(StringComparer.Ordinal) { "--data-dir", "--seed", "--rx-gy" },
            new HashSet<string>(StringComparer.Ordinal));
        if (options?.Text("--data-dir") is not { } folder)
        {
            Console.Error.WriteLine("usage: mean-predictor --data-dir DIR [--seed 42] [--rx-gy 70]");
            return 2;
        }

        var rx = options.Int("--rx-gy", 70);
        var files = DatasetCatalog.ListCaseFiles(folder).ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var split = DataSplit.FromSeed(files.Keys, options.Int("--seed", 42));
        double[]? mean = null;
        foreach (var id in split.Train)
        {
            var dose = CaseFile.Read(files[id]).Dose;
            mean ??= new double[dose.Length];
            if (dose.Length != mean.Length)
            {
                Console.Error.WriteLine($"{id}: shape differs from the other cases; the mean predictor needs one shape");
                return 1;
            }

            for (var i = 0; i < dose.Length; i++)
            {
                mean[i] += dose[i] / (double)split.Train.Count;
            }
        }

        var maes = new List<double>();
        foreach (var id in split.Test)
        {
            var truth = CaseFile.Read(files[id]).Dose;
            var mae = truth.Select((t, i) => Math.Abs(mean![i] - t)).Average() * rx;
            maes.Add(mae);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}: population-mean predictor MAE {mae:F3} Gy"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean over {maes.Count} test case(s): {maes.Average():F3} Gy (train cases {split.Train.Count}, seed {split.Seed})"));
        return 0;
    }
}
