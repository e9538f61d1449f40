using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Engine.DataLoading;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Training;

public sealed class TrainingDataTests
{
    // 32×24×16 phantoms: a 16-voxel patch equals the Z side. One case is ~0.6 MiB decompressed, so a 1 MiB budget
    // holds exactly one.
    private static readonly PhantomOptions s_phantoms = new() { Shape = new VolumeShape(32, 24, 16), Spacing = new VoxelSpacing(6, 6, 6) };

    [Fact]
    public void Batch_RamBudgetZeroWithMappedCache_SameBatchesAsEveryCaseInRam()
    {
        // Arrange: the same dataset read three ways
        using var temp = new TempFolder("training-data");
        var dataDir = temp.File("data");
        PhantomDataset.Write(dataDir, 6, s_phantoms, reuseExisting: false, cancellationToken: TestContext.Current.CancellationToken);
        using var inRam = Open(temp, dataDir, budgetMiB: 1 << 20, cacheDir: "none");
        using var mapped = Open(temp, dataDir, budgetMiB: 0, cacheDir: temp.File("cache"));
        using var mixed = Open(temp, dataDir, budgetMiB: 1, cacheDir: temp.File("cache"));

        for (var epoch = 0; epoch < 3; epoch++)
        {
            for (var b = 0; b < inRam.BatchesPerEpoch; b++)
            {
                // Act
                var expected = inRam.Batch(epoch, b);
                var fromMapping = mapped.Batch(epoch, b);
                var fromBoth = mixed.Batch(epoch, b);

                // Assert
                Assert.Equal(expected.Count, fromMapping.Count);
                Assert.Equal(expected.Count, fromBoth.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    MappedPatchTests.AssertSamePatch(expected[i], fromMapping[i]);
                    MappedPatchTests.AssertSamePatch(expected[i], fromBoth[i]);
                }
            }
        }

        // Budget 0: each training case was decompressed once, then every later patch was cut from its mapping with no
        // whole-case copy. The 1 MiB budget kept one case in RAM and cut the others' patches from the mapping.
        var trainCases = mapped.Split.Train.Count;
        var patches = 3 * trainCases * 2;
        var cache = mapped.MappedCache!;
        Assert.Equal((trainCases, 0, patches - trainCases), (cache.Decompressions, cache.MappedReads, cache.PatchReads));
        Assert.Equal(patches - (3 * 2), mixed.MappedCache!.PatchReads);
    }

    [Fact]
    public void Load_ValidationCase_IsStillReadWhole()
    {
        // Arrange
        using var temp = new TempFolder("training-data");
        var dataDir = temp.File("data");
        PhantomDataset.Write(dataDir, 4, s_phantoms, reuseExisting: false, cancellationToken: TestContext.Current.CancellationToken);
        using var data = Open(temp, dataDir, budgetMiB: 0, cacheDir: temp.File("cache"));
        var id = data.Split.Validation[0];
        var file = data.Report.Cases.Single(c => c.CaseId == id).FilePath;

        // Act: the first load decompresses and caches the case, the second copies it whole out of the mapping
        data.Load(id);
        var volume = data.Load(id);

        // Assert
        var npz = CaseFile.Read(file);
        Assert.Equal(npz.Dose, volume.Dose);
        Assert.Equal(npz.Sdf, volume.Sdf);
        Assert.Equal(npz.Masks, volume.Masks);
        Assert.Equal((1, 1, 0), (data.MappedCache!.Decompressions, data.MappedCache.MappedReads, data.MappedCache.PatchReads));
    }

    private static TrainingData Open(TempFolder temp, string dataDir, int budgetMiB, string cacheDir) =>
        TrainingData.Open(new TrainerOptions
        {
            DataDir = dataDir,
            LogDir = temp.File("runs"),
            PatchSize = 16,
            BatchSize = 2,
            PatchesPerVolume = 2,
            NumWorkers = 0,
            CacheBudgetMiB = budgetMiB,
            CaseCacheDir = cacheDir,
        }, _ => { }, TestContext.Current.CancellationToken);
}
