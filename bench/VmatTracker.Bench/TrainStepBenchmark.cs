using System.Diagnostics;
using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Sites;
using VmatTracker.Engine.Training;
using static TorchSharp.torch;

namespace VmatTracker.Bench;

/// <summary>
/// The trainer's speed targets, measured in one process so the ratios share the machine's state: (a) forward, MSE,
/// backward and AdamW of the bare model; (b) a full <see cref="TrainingStep"/> per recipe (baseline, gradient, DVH-aware,
/// structure-weighted, asymmetric PTV) with its ratio to (a); (c) the achieved FLOP rate of the baseline step against a
/// libtorch fp32 4096×4096 matrix product timed in the same run; and the loader's patches per second against the
/// steps' consumption. Median of --repeats, timed round-robin across the configurations after one warm-up each.
/// Options: --base 48, --patch 64, --repeats 3, --threads (libtorch default), --loader-cases 8, --loader-shape 96.
/// </summary>
internal static class TrainStepBenchmark
{
    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args, new HashSet<string>(StringComparer.Ordinal) { "--base", "--patch", "--repeats", "--threads", "--loader-cases", "--loader-shape" },
            new HashSet<string>(StringComparer.Ordinal));
        if (options is null)
        {
            return 2;
        }

        var baseChannels = options.Int("--base", 48);
        var patch = options.Int("--patch", 64);
        var repeats = options.Int("--repeats", 3);
        if (options.Text("--threads") is not null)
        {
            set_num_threads(options.Int("--threads", 2));
        }

        Machine.Print();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch threads {get_num_threads()}, base {baseChannels}, patch {patch}³, batch 1, median of {repeats}"));
        var matmul = MatmulGflops(repeats);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fp32 4096x4096 matmul: {matmul:F1} GFLOP/s"));

        var phantom = PhantomGenerator.Generate("bench", 1, new PhantomOptions { Shape = new VolumeShape(patch, patch, patch), Spacing = new VoxelSpacing(4, 4, 4) });
        var sample = new PatchSampler(new VolumeShape(patch, patch, patch), 7).Sample(phantom);
        var roles = StructureRoles.For(SiteCatalog.Default, phantom.ChannelCount);
        var flops = TrainingFlops(1 + phantom.ChannelCount, baseChannels, patch);
        var recipes = new (string Name, LossOptions Loss)[]
        {
            ("baseline", new LossOptions()),
            ("gradient", new LossOptions { UseGradientLoss = true }),
            ("dvh-aware", new LossOptions { UseGradientLoss = true, UseDvhLoss = true }),
            ("structure-weighted", new LossOptions { UseGradientLoss = true, UseStructureWeighted = true }),
            ("asymmetric-ptv", new LossOptions { UseAsymmetricPtv = true }),
        };
        using var bare = new BareStep(baseChannels, phantom.ChannelCount, sample);
        var steps = new List<(string Name, Action Step, IDisposable Owner)> { ("bare", bare.Run, bare) };
        foreach (var (name, loss) in recipes)
        {
            var recipeStep = new RecipeStep(baseChannels, phantom.ChannelCount, roles, loss, sample);
            steps.Add((name, recipeStep.Run, recipeStep));
        }

        try
        {
            var medians = MedianInterleaved(repeats, [.. steps.Select(s => s.Step)]);
            var bareSeconds = medians[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(a) bare model fwd+bwd+AdamW: {bareSeconds:F3} s  (≈{flops / 1e9:F0} GFLOP by layer count, {flops / bareSeconds / 1e9:F1} GFLOP/s, {100 * flops / bareSeconds / 1e9 / matmul:F0} % of matmul)"));
            for (var i = 1; i < steps.Count; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"(b) {steps[i].Name,-19} step: {medians[i]:F3} s  = {medians[i] / bareSeconds:F3}x bare  ({flops / medians[i] / 1e9:F1} GFLOP/s, {100 * flops / medians[i] / 1e9 / matmul:F0} % of matmul)"));
            }

            MeasureLoader(options.Int("--loader-cases", 8), options.Int("--loader-shape", 96), patch, medians[1]);
        }
        finally
        {
            foreach (var step in steps.Skip(1))
            {
                step.Owner.Dispose();
            }
        }

        return 0;
    }

    private static double MatmulGflops(int repeats)
    {
        using var scope = NewDisposeScope();
        var a = randn(4096, 4096);
        var b = randn(4096, 4096);
        a.matmul(b).Dispose();
        var times = Enumerable.Range(0, repeats).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            return clock.Elapsed.TotalSeconds;
        }).Order().ToArray();
        return 2.0 * 4096 * 4096 * 4096 / times[times.Length / 2] / 1e9;
    }

    // One model and optimizer per configuration, all alive at once, so the timed steps can be interleaved.
    private sealed class BareStep(int baseChannels, int channels, TrainingPatch sample) : IDisposable
    {
        private readonly BaselineUNet3D _model = Seeded(() => new BaselineUNet3D(1 + channels, baseChannels));
        private AdamWOptimizer? _optimizer;

        public void Run()
        {
            _optimizer ??= new AdamWOptimizer([new ParameterGroup([.. _model.parameters()], 0.01)], 1e-4);
            using var scope = NewDisposeScope();
            var (condition, dose, constraints, _) = TrainingBatch.Collate([sample], CPU);
            _optimizer.ZeroGradients();
            nn.functional.mse_loss(_model.call(condition, constraints), dose).backward();
            _optimizer.Step();
        }

        public void Dispose()
        {
            _optimizer?.Dispose();
            _model.Dispose();
        }
    }

    private sealed class RecipeStep : IDisposable
    {
        private readonly BaselineUNet3D _model;
        private readonly LossRecipe _recipe;
        private readonly TrainingStep _step;
        private readonly TrainingPatch _sample;

        public RecipeStep(int baseChannels, int channels, StructureRoles roles, LossOptions loss, TrainingPatch sample)
        {
            _model = Seeded(() => new BaselineUNet3D(1 + channels, baseChannels));
            _recipe = new LossRecipe(loss, roles);
            _step = new TrainingStep(_model, _recipe, 1e-4, 0.01, CPU);
            _sample = sample;
        }

        public void Run() => _step.Run([_sample]);

        public void Dispose()
        {
            _step.Dispose();
            _recipe.Dispose();
            _model.Dispose();
        }
    }

    private static BaselineUNet3D Seeded(Func<BaselineUNet3D> create)
    {
        manual_seed(1);
        return create();
    }

    private static void MeasureLoader(int cases, int edge, int patch, double stepSeconds)
    {
        var folder = Directory.CreateTempSubdirectory("vmat-loader-bench").FullName;
        try
        {
            PhantomDataset.Write(folder, cases, new PhantomOptions { Shape = new VolumeShape(edge, edge, edge), Spacing = new VoxelSpacing(3, 3, 3) }, false);
            var data = TrainingData.Open(new TrainerOptions { DataDir = folder, PatchSize = patch, BatchSize = 1, PatchesPerVolume = 4, NumWorkers = 0, CaseCacheDir = "none" },
                _ => { }, CancellationToken.None);
            data.Batch(0, 0);
            var count = data.BatchesPerEpoch;
            var clock = Stopwatch.StartNew();
            for (var b = 0; b < count; b++)
            {
                data.Batch(1, b);
            }

            var perSecond = count / clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loader: {perSecond:F1} patches/s from cached {edge}³ cases (sampling + augmentation, one thread); the baseline step consumes {1 / stepSeconds:F2}/s: {perSecond * stepSeconds:F0}x headroom"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Every configuration gets one warm-up step, then the timed steps go round-robin (bare, baseline, gradient, ...,
    // bare, baseline, ...), so a change in the machine's load or a slow first round lands on every row alike instead
    // of on whichever configuration happened to be timed first.
    private static double[] MedianInterleaved(int repeats, IReadOnlyList<Action> steps)
    {
        foreach (var step in steps)
        {
            step();
        }

        var times = steps.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < repeats; round++)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var clock = Stopwatch.StartNew();
                steps[i]();
                times[i].Add(clock.Elapsed.TotalSeconds);
            }
        }

        return [.. times.Select(t => t.Order().ElementAt(t.Count / 2))];
    }

    // Convolution FLOPs (2 per multiply-add) of one forward pass, times 3 for forward + both backward products
    // (input and weight gradients), the usual estimate; norms, activations and pooling are left out.
    private static double TrainingFlops(int inChannels, int baseChannels, int patch)
    {
        double total = 0;
        void Conv(long cin, long cout, int kernel, int edge) => total += 2.0 * cin * cout * kernel * kernel * kernel * edge * (double)edge * edge;
        void Block(long cin, long cout, int edge)
        {
            Conv(cin, cout, 3, edge);
            Conv(cout, cout, 3, edge);
            if (cin != cout)
            {
                Conv(cin, cout, 1, edge);
            }
        }

        long c1 = baseChannels, c2 = 2L * baseChannels, c3 = 4L * baseChannels, c4 = 8L * baseChannels;
        Block(inChannels, c1, patch);
        Block(c1, c2, patch / 2);
        Block(c2, c3, patch / 4);
        Block(c3, c4, patch / 8);
        Block(c4, c4, patch / 16);
        Block(2 * c4, c3, patch / 8);
        Block(2 * c3, c2, patch / 4);
        Block(2 * c2, c1, patch / 2);
        Block(2 * c1, c1, patch);
        Conv(c1, 1, 1, patch);
        return 3 * total;
    }
}
