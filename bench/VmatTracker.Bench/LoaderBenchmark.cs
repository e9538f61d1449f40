using System.Diagnostics;
using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Training;

namespace VmatTracker.Bench;

/// <summary>
/// The trainer's loader (patch sampling and augmentation of <see cref="TrainingData.Batch"/>, one thread) in patches per
/// second, by where a case comes from: the RAM LRU cache holding every case; the memory-mapped case cache with a RAM
/// budget of 0 (each patch cut straight from the case's open mapping, as when the dataset is larger than the budget);
/// and the NPZ decompressed every time (budget 0, no case cache: the loader before the mapped cache). For comparison,
/// the mapped cache as it was before patches were cut: the whole case copied out of the mapping for every patch, then
/// sampled (same sampler and augmentation, the bench's own loop). Each epoch is timed after a warm-up epoch that fills
/// the caches; median of --repeats epochs.
/// Options: --cases 8, --shape 128, --patch 64, --repeats 3.
/// </summary>
internal static class LoaderBenchmark
{
    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args, new HashSet<string>(StringComparer.Ordinal) { "--cases", "--shape", "--patch", "--repeats" },
            new HashSet<string>(StringComparer.Ordinal));
        if (options is null)
        {
            return 2;
        }

        var cases = options.Int("--cases", 8);
        var edge = options.Int("--shape", 128);
        var patch = options.Int("--patch", 64);
        var repeats = options.Int("--repeats", 3);
        Machine.Print();
        var folder = Directory.CreateTempSubdirectory("vmat-loader-bench").FullName;
        try
        {
            PhantomDataset.Write(Path.Combine(folder, "data"), cases,
                new PhantomOptions { Shape = new VolumeShape(edge, edge, edge), Spacing = new VoxelSpacing(3, 3, 3) }, false);
            var caseBytes = CaseCache.SizeOf(CaseFile.Read(DatasetCatalog.ListCaseFiles(Path.Combine(folder, "data"))[0]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases} phantom cases of {edge}³ ({caseBytes / 1048576.0:F0} MiB decompressed each), {patch}³ patches, 4 per case, median of {repeats} epochs"));
            foreach (var (name, budgetMiB, cacheDir) in new[]
                     {
                         ("RAM LRU (budget holds every case)", 1 << 20, "none"),
                         ("memory-mapped case cache, RAM budget 0", 0, Path.Combine(folder, "cache")),
                         ("NPZ decompressed each time (budget 0, no case cache)", 0, "none"),
                     })
            {
                using var data = TrainingData.Open(new TrainerOptions
                {
                    DataDir = Path.Combine(folder, "data"),
                    LogDir = folder,
                    PatchSize = patch,
                    BatchSize = 1,
                    PatchesPerVolume = 4,
                    NumWorkers = 0,
                    CacheBudgetMiB = budgetMiB,
                    CaseCacheDir = cacheDir,
                }, _ => { }, CancellationToken.None);
                var warm = Stopwatch.StartNew();
                Epoch(data, 0);
                var warmSeconds = warm.Elapsed.TotalSeconds;
                var rates = Enumerable.Range(1, repeats).Select(e =>
                {
                    var clock = Stopwatch.StartNew();
                    Epoch(data, e);
                    return data.BatchesPerEpoch / clock.Elapsed.TotalSeconds;
                }).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {rates[rates.Count / 2]:F1} patches/s (first epoch, filling the caches: {data.BatchesPerEpoch / warmSeconds:F1} patches/s)"));
            }

            WholeCaseCopies(Path.Combine(folder, "data"), Path.Combine(folder, "cache"), patch, repeats);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    // The mapped cache's old path: every patch copies its whole case out of the mapping, then cuts the patch from it.
    // The cache folder was filled by the mapped row, so nothing is decompressed here.
    private static void WholeCaseCopies(string dataDir, string cacheDir, int patch, int repeats)
    {
        using var cache = new MappedCaseCache(cacheDir);
        var files = DatasetCatalog.ListCaseFiles(dataDir);
        var shape = new VolumeShape(patch, patch, patch);
        var rates = Enumerable.Range(0, repeats + 1).Select(e =>
        {
            var clock = Stopwatch.StartNew();
            var sampler = new PatchSampler(shape, (ulong)e);
            var augmentation = new PatchAugmentation((ulong)e, null);
            foreach (var file in files.SelectMany(f => Enumerable.Repeat(f, 4)))
            {
                augmentation.Apply(sampler.Sample(cache.Read(file)));
            }

            return files.Count * 4 / clock.Elapsed.TotalSeconds;
        }).Skip(1).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"for comparison, memory-mapped case cache copying the whole case out for every patch (before patches were cut): {rates[rates.Count / 2]:F1} patches/s"));
    }

    private static void Epoch(TrainingData data, int epoch)
    {
        for (var b = 0; b < data.BatchesPerEpoch; b++)
        {
            data.Batch(epoch, b);
        }
    }
}
