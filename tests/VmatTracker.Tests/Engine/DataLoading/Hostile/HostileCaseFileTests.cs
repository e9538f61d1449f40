using System.Diagnostics;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.DataLoading.Numpy.Pickling;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>Case files that state sizes or structures out of all proportion to their bytes: refused by name, cheaply.</summary>
public sealed class HostileCaseFileTests
{
    // Reading a small case allocates well under a megabyte; a refusal must not get anywhere near a stated member.
    private const long RefusalAllocationBound = 64L << 20;

    [Fact]
    public void Read_Case512CubedWithEightChannels_IsRefusedByTheCaseLimitNamingTheSdfWithoutAllocatingIt()
    {
        // Arrange: headers and zip directory state 512³ volumes and 8-channel stacks (6 GiB in all); the file is kilobytes.
        using var dir = new TempFolder();
        var path = HostileCases.Oversized(dir.File("case_0666.npz"));

        // Act
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Record.Exception(() => CaseFile.Read(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Assert: the first member that takes the case over its limit is named, with the sizes.
        var refusal = Assert.IsType<CaseFormatException>(error);
        Assert.Equal(path, refusal.File);
        Assert.Equal(CaseFile.SdfKey, refusal.Field);
        Assert.Contains("case limit", refusal.Problem, StringComparison.Ordinal);
        Assert.Contains("(8, 512, 512, 512)", refusal.Problem, StringComparison.Ordinal);
        Assert.True(allocated < RefusalAllocationBound, $"refusing the case allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(100, "needs 128 KiB decompressed, over the case limit of 100 KiB")]
    [InlineData(150, "takes the case's arrays to 192 KiB decompressed, over the case limit of 150 KiB")]
    public void Read_RealPhantomOverAConfiguredLimit_IsRefusedNamingTheMemberThatCrossesIt(int limitKiB, string expected)
    {
        // Arrange: a 16³ phantom with 8 channels: ct and dose 16 KiB each, masks 32 KiB, SDFs 128 KiB.
        using var dir = new TempFolder();
        var path = HostileCases.Phantom(dir.Path);
        var limits = new CaseLimits { MaxDecompressedBytes = limitKiB << 10 };

        // Act
        var error = Record.Exception(() => CaseFile.Read(path, limits));

        // Assert
        var refusal = Assert.IsType<CaseFormatException>(error);
        Assert.Equal(CaseFile.SdfKey, refusal.Field);
        Assert.Contains(expected, refusal.Problem, StringComparison.Ordinal);
        Assert.NotNull(CaseFile.Read(path));
    }

    [Fact]
    public void Read_MemberWithAUnicodeDtypeOfABillionCodePoints_IsRefusedNamingTheMember()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = HostileCases.HugeUnicodeDtype(dir.File("case_0667.npz"));

        // Act
        var error = Record.Exception(() => CaseFile.Read(path));

        // Assert
        var refusal = Assert.IsType<CaseFormatException>(error);
        Assert.Equal(CaseFile.ConstraintsKey, refusal.Field);
        Assert.Contains("<U999999999", refusal.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_FolderWithOversizedAndMalformedCases_ReportsOneBadEntryEachAndChecksTheRest()
    {
        // Arrange
        using var dir = new TempFolder();
        HostileCases.Phantom(dir.Path);
        var oversized = HostileCases.Oversized(dir.File("case_0666.npz"));
        var unicode = HostileCases.HugeUnicodeDtype(dir.File("case_0667.npz"));

        // Act
        var report = DatasetCatalog.Scan(dir.Path, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["case_0001", "case_0666", "case_0667"], report.CaseIds);
        Assert.True(report.Cases[0].IsValid, string.Join("; ", report.Cases[0].Problems));
        Assert.StartsWith($"{oversized}: 'masks_sdf': ", Assert.Single(report.Cases[1].Problems), StringComparison.Ordinal);
        Assert.StartsWith($"{unicode}: 'constraints': ", Assert.Single(report.Cases[2].Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAndToJson_SharedReferenceBomb_IsRefusedInMilliseconds()
    {
        // Arrange: 40 levels of a list holding the previous level twice: 2^40 lists once every reference is followed.
        var bomb = PickleOpcodes.SharedReferenceBomb(levels: 40);
        var clock = Stopwatch.StartNew();

        // Act
        var error = Record.Exception(() => NumpyPickle.ToJson(NumpyPickle.Load(bomb)));

        // Assert
        clock.Stop();
        var refusal = Assert.IsType<NumpyFormatException>(error);
        Assert.Contains("output limit", refusal.Problem, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(bomb.Length < 500, $"the bomb is {bomb.Length} bytes");
    }

    [Fact]
    public void Read_CaseWhoseMetadataIsThePickleBomb_IsRefusedNamingFileAndKey()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = HostileCases.PickleBomb(dir.File("case_0668.npz"));

        // Act
        var error = Record.Exception(() => CaseFile.Read(path));

        // Assert
        var refusal = Assert.IsType<CaseFormatException>(error);
        Assert.Equal(path, refusal.File);
        Assert.Equal(CaseFile.PickledMetadataKey, refusal.Field);
        Assert.Contains("output limit", refusal.Problem, StringComparison.Ordinal);
    }
}
