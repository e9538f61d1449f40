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
        var bytes = File.ReadAllBytes(file);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
                break;
            case "corrupt":
                // One byte inside the last array's data, past the manifest: only the checksum can see it.
                bytes[^60] ^= 0x40;
                File.WriteAllBytes(file, bytes);
                break;
            default:
                File.WriteAllText(file, "not a cache file");
                break;
        }

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
}
