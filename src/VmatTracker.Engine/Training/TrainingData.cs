using System.Collections.Concurrent;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Engine.Training;

/// <summary>
/// The dataset as training sees it: the scan (invalid cases refused, or left out when asked), the reference's seeded split, the
/// site, and the epoch's batches. Cases are decompressed once into a memory-mapped on-disk cache and held in a
/// least-recently-used RAM cache within a budget; a training case the budget cannot hold is not copied into RAM at all:
/// its patches are cut straight from the mapping. Each batch's patches and augmentations come from a seed derived from
/// (run seed, epoch, batch), so the batches are the same whether they are loaded on the training thread or ahead of it
/// by the background loader, and whichever way each case was read. Disposing it closes the mappings.
/// </summary>
public sealed class TrainingData : IDisposable
{
    private readonly TrainerOptions _options;
    private readonly CaseCache _cache;
    private readonly MappedCaseCache? _mapped;
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, long> _bytes;

    private TrainingData(TrainerOptions options, DatasetReport report, DataSplit split, TreatmentSite site, int channelCount,
        Action<string> log)
    {
        _options = options;
        Report = report;
        Split = split;
        Site = site;
        ChannelCount = channelCount;
        _files = report.Cases.Where(c => c.IsValid).ToDictionary(c => c.CaseId, c => c.FilePath, StringComparer.Ordinal);
        _bytes = report.Cases.Where(c => c.IsValid).ToDictionary(c => c.CaseId,
            c => CaseCache.SizeOf(c.Shape ?? default, channelCount, site.Constraints.Count), StringComparer.Ordinal);
        _cache = new CaseCache((long)options.CacheBudgetMiB * 1024 * 1024);
        _mapped = options.CaseCacheFolder is { } folder ? new MappedCaseCache(folder, log) : null;
        var femurLeft = site.IndexOf("Femur_L");
        var femurRight = site.IndexOf("Femur_R");
        FemurChannels = femurLeft >= 0 && femurRight >= 0 ? (femurLeft, femurRight) : null;
    }

    /// <summary>The scan of the data folder.</summary>
    public DatasetReport Report { get; }

    /// <summary>The split over the valid cases.</summary>
    public DataSplit Split { get; }

    /// <summary>The dataset's treatment site.</summary>
    public TreatmentSite Site { get; }

    /// <summary>Structure channels per case.</summary>
    public int ChannelCount { get; }

    /// <summary>Left and right femur channels, swapped by the flip augmentation.</summary>
    public (int Left, int Right)? FemurChannels { get; }

    /// <summary>The test cases' files, in the split's order.</summary>
    public IReadOnlyList<string> TestFiles => [.. Split.Test.Select(id => _files[id])];

    /// <summary>Optimisation steps per epoch: ceil(train cases · patches per volume / batch size).</summary>
    public int BatchesPerEpoch => (int)Math.Ceiling(Split.Train.Count * _options.PatchesPerVolume / (double)_options.BatchSize);

    /// <summary>Scans <see cref="TrainerOptions.DataDir"/>, refuses a folder with invalid cases unless
    /// <see cref="TrainerOptions.SkipInvalid"/> (then reports them through <paramref name="log"/>), and checks that the
    /// rest can train with these options.</summary>
    /// <exception cref="TrainingSetupException">The dataset cannot be trained on; the message says why.</exception>
    public static TrainingData Open(TrainerOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (!Directory.Exists(options.DataDir))
        {
            throw new TrainingSetupException($"--data_dir: the folder '{options.DataDir}' does not exist");
        }

        var report = DatasetCatalog.Scan(options.DataDir, cancellationToken: cancellationToken);
        foreach (var problem in report.FolderProblems)
        {
            log($"dataset: {problem}");
        }

        var invalid = report.InvalidCases.ToList();
        if (invalid.Count > 0 && !options.SkipInvalid)
        {
            // A careful user expects a folder with broken cases to stop the run, not to train on a silently smaller set.
            throw new TrainingSetupException(InvalidCasesProblem(report, options.DataDir, "pass --skip-invalid"));
        }

        foreach (var bad in invalid)
        {
            log($"dataset: skipping {bad.FilePath}: {string.Join("; ", bad.Problems)}");
        }

        var valid = report.Cases.Where(c => c.IsValid).ToList();
        if (valid.Count < 3)
        {
            throw new TrainingSetupException(
                $"--data_dir: '{options.DataDir}' has {valid.Count} valid case(s) of {report.Cases.Count}; training needs at least 3 (train, val, test)");
        }

        var sites = valid.Select(c => c.Site ?? SiteCatalog.Default.Name).Distinct(StringComparer.Ordinal).ToList();
        var channels = valid.Select(c => c.ChannelCount ?? 0).Distinct().ToList();
        if (sites.Count > 1 || channels.Count > 1)
        {
            throw new TrainingSetupException(
                $"--data_dir: cases disagree on site ({string.Join(", ", sites)}) or structure channels ({string.Join(", ", channels)}); one run trains on one kind");
        }

        if (!SiteCatalog.TryGet(sites[0], out var site))
        {
            throw new TrainingSetupException($"--data_dir: unknown treatment site '{sites[0]}'");
        }

        var split = DataSplit.FromSeed(valid.Select(c => c.CaseId), options.Seed);
        var train = valid.Where(c => split.Train.Contains(c.CaseId)).ToList();
        var p = options.PatchSize;
        if (train.All(c => c.Shape is { } s && (s.Y < p || s.X < p || s.Z < p)))
        {
            var largest = train.Select(c => c.Shape!.Value).MaxBy(s => s.VoxelCount);
            throw new TrainingSetupException(
                $"--patch_size: {p} is larger than every training volume along some axis (the largest is {largest}); choose {LargestFitting(train)} or less");
        }

        return new TrainingData(options, report, split, site, channels[0], log);
    }

    /// <summary>The memory-mapped case cache, or null when it is off.</summary>
    public MappedCaseCache? MappedCache => _mapped;

    /// <summary>A case, decompressed: from the RAM cache when it is there, else from the memory-mapped case cache
    /// (decompressing the NPZ into it the first time).</summary>
    public CaseVolume Load(string caseId) =>
        _cache.Get(caseId, () => _mapped is null ? CaseFile.Read(_files[caseId]) : _mapped.Read(_files[caseId]));

    /// <summary>
    /// A training case to cut patches from: the case in RAM when the RAM cache holds it, or when it fits there beside the
    /// cases already held (it is then loaded whole and kept); otherwise, with the case cache on, the case's open mapping,
    /// so a patch copies only its own rows. Training cases are never evicted for one another: with a budget smaller than
    /// the training set, the first cases stay in RAM and the rest are read from the mapping, instead of every miss
    /// copying a whole case in and throwing another out.
    /// </summary>
    public ICaseVoxels Voxels(string caseId)
    {
        if (_cache.TryGet(caseId, out var held))
        {
            return held;
        }

        return _mapped is null || _cache.HasRoomFor(_bytes[caseId]) ? Load(caseId) : _mapped.Voxels(_files[caseId]);
    }

    /// <summary>Closes the case cache's mappings; batches already returned stay valid (patches are copies).</summary>
    public void Dispose() => _mapped?.Dispose();

    /// <summary>The patches of one batch of <paramref name="epoch"/>.</summary>
    public List<TrainingPatch> Batch(int epoch, int batch)
    {
        var order = EpochOrder(epoch);
        var first = batch * _options.BatchSize;
        var seed = SeededRandom.DeriveSeed((ulong)_options.Seed, (ulong)epoch, (ulong)batch);
        var sampler = new PatchSampler(new VolumeShape(_options.PatchSize, _options.PatchSize, _options.PatchSize), seed);
        var augmentation = _options.NoAugmentation ? null : new PatchAugmentation(seed ^ 0x5DEECE66DUL, FemurChannels);
        var patches = new List<TrainingPatch>();
        for (var i = first; i < Math.Min(first + _options.BatchSize, order.Length); i++)
        {
            var patch = sampler.Sample(Voxels(order[i]));
            augmentation?.Apply(patch);
            patches.Add(patch);
        }

        return patches;
    }

    /// <summary>The epoch's batches in order, loaded ahead of the consumer on a background thread when
    /// <see cref="TrainerOptions.NumWorkers"/> &gt; 0 (at most that many batches wait in memory).</summary>
    public IEnumerable<List<TrainingPatch>> EpochBatches(int epoch, CancellationToken cancellationToken)
    {
        if (_options.NumWorkers == 0)
        {
            for (var b = 0; b < BatchesPerEpoch; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return Batch(epoch, b);
            }

            yield break;
        }

        using var queue = new BlockingCollection<List<TrainingPatch>>(_options.NumWorkers);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        var producer = Task.Run(() =>
        {
            try
            {
                for (var b = 0; b < BatchesPerEpoch; b++)
                {
                    queue.Add(Batch(epoch, b), stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or CaseFormatException or UnauthorizedAccessException)
            {
                failure = ex;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
            {
                yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            producer.Wait(CancellationToken.None);
        }

        if (failure is not null)
        {
            throw new TrainingSetupException($"loading a training case failed: {failure.Message}", failure);
        }
    }

    private string[] EpochOrder(int epoch)
    {
        var items = Split.Train.SelectMany(id => Enumerable.Repeat(id, _options.PatchesPerVolume)).ToArray();
        var random = new SeededRandom(SeededRandom.DeriveSeed((ulong)_options.Seed, (ulong)epoch, ulong.MaxValue));
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    /// <summary>
    /// Why a folder with invalid cases is refused: how many, which (at most ten with their first problem, the rest
    /// counted), and <paramref name="wayOut"/> (how the caller's interface skips them).
    /// </summary>
    public static string InvalidCasesProblem(DatasetReport report, string dataDir, string wayOut)
    {
        ArgumentNullException.ThrowIfNull(report);
        var invalid = report.InvalidCases.ToList();
        return $"--data_dir: {invalid.Count} of {report.Cases.Count} cases in '{dataDir}' are invalid; fix or remove them, "
               + $"or {wayOut} to train on the rest: {InvalidCaseList(invalid)}";
    }

    private static string InvalidCaseList(List<CaseReport> invalid)
    {
        var named = invalid.Take(10).Select(c => c.Problems.Count > 0 ? c.Problems[0] : c.FilePath);
        var more = invalid.Count > 10 ? $"; and {invalid.Count - 10} more" : "";
        return string.Join("; ", named) + more;
    }

    private static int LargestFitting(IEnumerable<CaseReport> cases)
    {
        var smallest = cases.Where(c => c.Shape is not null).Max(c => Math.Min(c.Shape!.Value.Y, Math.Min(c.Shape.Value.X, c.Shape.Value.Z)));
        return Math.Max(16, smallest / 16 * 16);
    }
}

/// <summary>The run cannot start or continue with this dataset or these options; the message names the flag or file.</summary>
public sealed class TrainingSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingSetupException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TrainingSetupException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingSetupException()
    {
    }
}
