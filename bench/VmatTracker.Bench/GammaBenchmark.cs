using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Bench;

/// <summary>
/// Times <see cref="GammaIndex.Compute"/> on a phantom dose against the same dose shifted by whole voxels along
/// axis 0 (the edge row repeated), 3 %/3 mm global, 10 % cutoff, max_gamma 2, best of N runs after a warm-up.
/// Options: --shape YxXxZ (default 64x64x48), --spacing mm (4), --shift voxels (1), --scale factor (1), --runs N (5),
/// --seed S (1), --max-gamma G (2), --write-npy DIR (saves reference.npy and evaluated.npy for a cross-check).
/// </summary>
internal static class GammaBenchmark
{
    public static int Run(string[] args)
    {
        var shape = new VolumeShape(64, 64, 48);
        var spacingMm = 4.0;
        var shift = 1;
        var scale = 1.0;
        var runs = 5;
        var seed = 1;
        var maxGamma = 2.0;
        string? npyFolder = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--spacing": spacingMm = Parse(args[++i]); break;
                case "--shift": shift = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--scale": scale = Parse(args[++i]); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-gamma": maxGamma = Parse(args[++i]); break;
                case "--write-npy": npyFolder = args[++i]; break;
                case "--shape":
                    var parts = args[++i].Split('x').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                    shape = new VolumeShape(parts[0], parts[1], parts[2]);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        var spacing = new VoxelSpacing(spacingMm, spacingMm, spacingMm);
        var phantom = PhantomGenerator.GenerateCase(0, new PhantomOptions { Shape = shape, Spacing = spacing, Seed = seed });
        var reference = phantom.Dose.Select(d => d * 70.0).ToArray();
        var evaluated = Shifted(reference, shape, shift, scale);
        if (npyFolder is not null)
        {
            Directory.CreateDirectory(npyFolder);
            foreach (var (name, values) in new[] { ("reference.npy", reference), ("evaluated.npy", evaluated) })
            {
                using var file = File.Create(Path.Combine(npyFolder, name));
                NpyWriter.Write(file, NpyArray.Create(values, shape.ToArray()));
            }
        }

        var options = new GammaOptions { MaxGamma = maxGamma };
        Machine.Print();
        Console.WriteLine(Invariant($"command: VmatTracker.Bench gamma {string.Join(' ', args)}"));
        Console.WriteLine(Invariant($"grid {shape} at {spacingMm} mm, evaluated = reference shifted {shift} voxel(s) along axis 0 x {scale}, 3%/3mm, cutoff 10 %, max_gamma {maxGamma}"));
        var warm = GammaIndex.Compute(reference, evaluated, shape, spacing, options);
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var (_, wallSeconds, cpuSeconds) = Machine.Measure(() => GammaIndex.Compute(reference, evaluated, shape, spacing, options));
            wall.Add(wallSeconds);
            cpu.Add(cpuSeconds);
        }

        Console.WriteLine(Invariant(
            $"evaluated points {warm.EvaluatedPoints}, pass (<=1) {warm.PassRate:F3} %, strict {warm.PassRateStrict:F3} %, mean {warm.Mean:F4}, max {warm.Max:F4}"));
        Console.WriteLine(Invariant(
            $"wall: best {wall.Min():F3} s, median {wall.Order().ElementAt(runs / 2):F3} s over {runs} runs; CPU best {cpu.Min():F3} s"));
        return 0;
    }

    private static double[] Shifted(double[] dose, VolumeShape shape, int shift, double scale)
    {
        var result = new double[dose.Length];
        for (var y = 0; y < shape.Y; y++)
        {
            var source = Math.Clamp(y - shift, 0, shape.Y - 1);
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    result[shape.IndexOf(y, x, z)] = scale * dose[shape.IndexOf(source, x, z)];
                }
            }
        }

        return result;
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
