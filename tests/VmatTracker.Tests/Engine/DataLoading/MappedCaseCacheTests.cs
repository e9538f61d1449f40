using VmatTracker.Engine.DataLoading;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

public sealed class MappedCaseCacheTests
{
    private static readonly VolumeShape s_shape = new(12, 10, 8);

    [Fact]
    public void Read_SecondTime_ComesFromTheMappedFileAndEqualsTheNpz()
    {
        // Arrange
        using var temp = new TempFolder("case-cache");
        var npz = temp.File("case_0001.npz");
        CaseFile.Write(npz, TestCases.Make("case_0001", s_shape, channels: 9));
        var folder = temp.File("cache");
        new MappedCaseCache(folder).Read(npz);

        // Act: a new cache over the same folder, as the next run would have
        var cache = new MappedCaseCache(folder);
        var cached = cache.Read(npz);

        // Assert
        Assert.Equal((0, 1, 0), (cache.Decompressions, cache.MappedReads, cache.Rebuilds));
        AssertSameCase(CaseFile.Read(npz), cached);
        Assert.True(File.Exists(cache.CacheFileFor(npz)));
    }

    [Fact]
    public void Read_NpzChangedSinceCached_IsDecompressedAgain()
    {
        // Arrange: cache the case, then rewrite its NPZ with another dose (and a later modification time)
        using var temp = new TempFolder("case-cache");
        var npz = temp.File("case_0002.npz");
        CaseFile.Write(npz, TestCases.Make("case_0002", s_shape, channels: 8));
        var folder = temp.File("cache");
        new MappedCaseCache(folder).Read(npz);
        var changed = TestCases.Make("case_0002", s_shape, channels: 8);
        Array.Fill(changed.Dose, 0.5f);
        CaseFile.Write(npz, changed);
        File.SetLastWriteTimeUtc(npz, DateTime.UtcNow.AddMinutes(1));
        var log = new List<string>();

        // Act
        var cache = new MappedCaseCache(folder, log.Add);
        var first = cache.Read(npz);
        var second = new MappedCaseCache(folder).Read(npz);

        // Assert: rebuilt once, and the rebuilt file serves the new values
        Assert.Equal((1, 1, 0), (cache.Rebuilds, cache.Decompressions, cache.MappedReads));
        Assert.Contains("the NPZ has changed", Assert.Single(log), StringComparison.Ordinal);
        Assert.All(first.Dose, d => Assert.Equal(0.5f, d));
        AssertSameCase(CaseFile.Read(npz), second);
    }

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("corrupt", "does not match its checksum")]
    [InlineData("garbage", "bad magic")]
    public void Read_DamagedCacheFile_IsDetectedAndRebuiltNotTrusted(string damage, string expected)
    {
        // Arrange
        using var temp = new TempFolder("case-cache");
        var npz = temp.File("case_0003.npz");
        CaseFile.Write(npz, TestCases.Make("case_0003", s_shape, channels: 9));
        var folder = temp.File("cache");
        var file = new MappedCaseCache(folder).CacheFileFor(npz);
        new MappedCaseCache(folder).Read(npz);
        Damage(file, damage);

        var log = new List<string>();

        // Act
        var cache = new MappedCaseCache(folder, log.Add);
        var read = cache.Read(npz);
        var again = new MappedCaseCache(folder);
        var reread = again.Read(npz);

        // Assert: the damaged file was refused, the case came from the NPZ, and the rebuilt file is good again
        Assert.Equal((1, 1), (cache.Rebuilds, cache.Decompressions));
        Assert.Contains(expected, Assert.Single(log), StringComparison.Ordinal);
        Assert.StartsWith($"case cache: {file}: ", log[0], StringComparison.Ordinal);
        AssertSameCase(CaseFile.Read(npz), read);
        Assert.Equal((1, 0), (again.MappedReads, again.Rebuilds));
        AssertSameCase(CaseFile.Read(npz), reread);
    }

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("corrupt", "does not match its checksum")]
    [InlineData("garbage", "bad magic")]
    public void Voxels_CacheFileDamagedWhileMapped_IsNoticedRebuiltAndServesRightPatches(string damage, string expected)
    {
        // Arrange: the case cached and its mapping open, as in the middle of a run
        using var temp = new TempFolder("case-cache");
        var npz = temp.File("case_0004.npz");
        CaseFile.Write(npz, TestCases.Make("case_0004", s_shape, channels: 9));
        var log = new List<string>();
        using var cache = new MappedCaseCache(temp.File("cache"), log.Add);
        cache.Read(npz);
        Assert.IsNotType<CaseVolume>(cache.Voxels(npz));
        var file = cache.CacheFileFor(npz);
        Damage(file, damage);

        // A rewrite within the same clock tick must still count as a change.
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        // Act
        var rebuilt = cache.Voxels(npz);
        var remapped = cache.Voxels(npz);

        // Assert: refused with the reason, served from the NPZ, then from the rebuilt mapping with the right voxels
        Assert.Equal((1, 2), (cache.Rebuilds, cache.Decompressions));
        Assert.Contains(expected, Assert.Single(log), StringComparison.Ordinal);
        Assert.IsType<CaseVolume>(rebuilt);
        Assert.IsNotType<CaseVolume>(remapped);
        var patch = new VolumeShape(8, 8, 8);
        MappedPatchTests.AssertSamePatch(new ReferencePatchSampler(patch, 7).Sample(CaseFile.Read(npz)), new PatchSampler(patch, 7).Sample(remapped));
    }

    [Fact]
    public void Voxels_NpzChangedWhileMapped_ServesTheNewCase()
    {
        // Arrange: a mapping open on the old NPZ
        using var temp = new TempFolder("case-cache");
        var npz = temp.File("case_0005.npz");
        CaseFile.Write(npz, TestCases.Make("case_0005", s_shape, channels: 9));
        var log = new List<string>();
        using var cache = new MappedCaseCache(temp.File("cache"), log.Add);
        cache.Read(npz);
        var before = cache.Voxels(npz);
        var changed = TestCases.Make("case_0005", s_shape, channels: 9);
        Array.Fill(changed.Dose, 0.5f);
        CaseFile.Write(npz, changed);
        File.SetLastWriteTimeUtc(npz, DateTime.UtcNow.AddMinutes(1));

        // Act
        cache.Voxels(npz);
        var after = cache.Voxels(npz);

        // Assert: the new dose, from a new mapping; the old mapping stays readable until the cache is disposed
        Assert.NotSame(before, after);
        Assert.Contains("the NPZ has changed", Assert.Single(log), StringComparison.Ordinal);
        var row = new float[s_shape.Z];
        after.CopyRow(CaseArray.Dose, 0, 3, 4, 0, row);
        Assert.All(row, d => Assert.Equal(0.5f, d));
        before.CopyRow(CaseArray.Dose, 0, 3, 4, 0, row);
        Assert.NotEqual(0.5f, row[1]);
    }

    private static void AssertSameCase(CaseVolume expected, CaseVolume actual)
    {
        Assert.Equal(expected.CaseId, actual.CaseId);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ChannelCount, actual.ChannelCount);
        Assert.Equal(expected.Ct, actual.Ct);
        Assert.Equal(expected.Dose, actual.Dose);
        Assert.Equal(expected.Masks, actual.Masks);
        Assert.Equal(expected.Sdf, actual.Sdf);
        Assert.Equal(expected.Constraints, actual.Constraints);
        Assert.Equal(expected.Spacing, actual.Spacing);
    }

    // Truncates the cache file, flips one byte inside the last array's data (past the manifest: only the checksum can
    // see it), or replaces it with something that is not a cache file.
    private static void Damage(string file, string damage)
    {
        var bytes = File.ReadAllBytes(file);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
                break;
            case "corrupt":
                bytes[^60] ^= 0x40;
                File.WriteAllBytes(file, bytes);
                break;
            default:
                File.WriteAllText(file, "not a cache file");
                break;
        }
    }
}
