using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>
/// Patches cut straight from the memory-mapped case cache must be the patches the sampler always gave: same centres,
/// same values, same augmentation, whichever way the case is read (in RAM, mapped and copied whole, mapped and cut).
/// The oracle is <see cref="ReferencePatchSampler"/>, the sampler as it was before cutting.
/// </summary>
public sealed class MappedPatchTests
{
    public static TheoryData<string, int[], int[]> Layouts => new()
    {
        // Z equal to the patch (one centre on that axis), Y and X a few centres wide: clamped at both ends.
        { "dense", [24, 20, 16], [16, 16, 16] },

        // Y shorter than the patch: padded with air, far SDF and zero dose.
        { "dense", [12, 20, 18], [16, 8, 16] },

        // A handful of high-dose voxels, two of them on the corners of the valid centre range and one outside it.
        { "sparse", [20, 18, 22], [8, 8, 8] },

        // No high dose at all: every coin that asks for a high-dose centre falls back to a uniform one.
        { "none", [16, 16, 16], [8, 8, 8] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Sample_CutFromMapping_EqualsThePatchOfTheCaseInRam(string dose, int[] volume, int[] patchSides)
    {
        // Arrange: the case on disk, cached once, then read three ways
        using var temp = new TempFolder("mapped-patch");
        var shape = new VolumeShape(volume[0], volume[1], volume[2]);
        var patch = new VolumeShape(patchSides[0], patchSides[1], patchSides[2]);
        var npz = temp.File("case_0001.npz");
        CaseFile.Write(npz, MakeCase(shape, dose));
        using var cache = new MappedCaseCache(temp.File("cache"));
        var inRam = cache.Read(npz);
        var mapped = cache.Voxels(npz);
        var mappedWhole = cache.Read(npz);
        var centres = new List<(int Y, int X, int Z)>();

        foreach (var seed in new ulong[] { 1, 2, 3, 17, 99, 12345 })
        {
            var oracle = new ReferencePatchSampler(patch, seed);
            var fromRam = new PatchSampler(patch, seed);
            var fromMapping = new PatchSampler(patch, seed);
            var fromMappedWhole = new PatchSampler(patch, seed);
            var augment = Augmenters(seed, 4);
            for (var i = 0; i < 8; i++)
            {
                // Act
                var expected = oracle.Sample(inRam);
                centres.Add(oracle.LastCentre);
                var patches = new[] { expected, fromRam.Sample(inRam), fromMapping.Sample(mapped), fromMappedWhole.Sample(mappedWhole) };
                for (var k = 0; k < patches.Length; k++)
                {
                    augment[k].Apply(patches[k]);
                }

                // Assert
                foreach (var actual in patches.Skip(1))
                {
                    AssertSamePatch(expected, actual);
                }
            }
        }

        // The draws did reach both ends of every axis's centre range, so edge rows were really compared.
        AssertCentresReachTheEnds(centres, shape, patch);
        // One mapping per case for the run: reopening per patch would rebuild the per-case summary every time.
        Assert.IsNotType<CaseVolume>(mapped);
        Assert.Same(mapped, cache.Voxels(npz));
        Assert.Equal((1, 2, 1), (cache.Decompressions, cache.PatchReads, cache.MappedReads));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(11, 19, 17)]
    [InlineData(-3, 17, 9)]
    [InlineData(6, 10, 22)]
    [InlineData(-9, 25, 30)]
    public void Extract_AnyCentre_MappedEqualsInRam(int y, int x, int z)
    {
        // Arrange: centres at and beyond the volume's corners, so whole rows, row ends, or the whole patch are padding
        using var temp = new TempFolder("mapped-patch");
        var npz = temp.File("case_0001.npz");
        var volume = MakeCase(new VolumeShape(12, 20, 18), "dense");
        CaseFile.Write(npz, volume);
        using var cache = new MappedCaseCache(temp.File("cache"));
        cache.Read(npz);
        var patch = new VolumeShape(16, 8, 12);

        // Act
        var expected = ReferencePatchSampler.Extract(volume, (y, x, z), patch);
        var actual = PatchSampler.Extract(cache.Voxels(npz), (y, x, z), patch);

        // Assert
        AssertSamePatch(expected, actual);
        Assert.Equal(1, cache.PatchReads);
    }

    internal static CaseVolume MakeCase(VolumeShape shape, string dose)
    {
        var volume = TestCases.Make("case_0001", shape, channels: 9);

        // One absent structure, so Present is not all true.
        Array.Clear(volume.Masks, 2 * shape.VoxelCount, shape.VoxelCount);
        if (dose != "dense")
        {
            Array.Clear(volume.Dose);
        }

        if (dose == "sparse")
        {
            // Valid centres for an 8-voxel patch are [4, dim - 4) on every axis.
            foreach (var (y, x, z) in new[] { (4, 4, 4), (15, 13, 17), (10, 9, 11), (10, 9, 12), (0, 0, 0) })
            {
                volume.Dose[shape.IndexOf(y, x, z)] = 0.9f;
            }
        }

        return volume;
    }

    internal static void AssertSamePatch(TrainingPatch expected, TrainingPatch actual)
    {
        Assert.Equal(expected.CaseId, actual.CaseId);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.Present, actual.Present);
        Assert.Equal(expected.Constraints, actual.Constraints);

        // Bit for bit: compare the floats' bits, not their values within a tolerance.
        Assert.Equal(Bits(expected.Dose), Bits(actual.Dose));
        Assert.Equal(Bits(expected.Condition), Bits(actual.Condition));
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    private static PatchAugmentation[] Augmenters(ulong seed, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new PatchAugmentation(seed ^ 0x5DEECE66DUL, (0, 1)))];

    private static void AssertCentresReachTheEnds(List<(int Y, int X, int Z)> centres, VolumeShape shape, VolumeShape patch)
    {
        var axes = new[]
        {
            (centres.Select(c => c.Y), PatchSampler.CentreRange(shape.Y, patch.Y)),
            (centres.Select(c => c.X), PatchSampler.CentreRange(shape.X, patch.X)),
            (centres.Select(c => c.Z), PatchSampler.CentreRange(shape.Z, patch.Z)),
        };
        foreach (var (values, (low, high)) in axes)
        {
            Assert.Contains(low, values);
            Assert.Contains(high - 1, values);
        }
    }
}
