using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>
/// Reading streams each member straight into its final array. A 300x300x160 case with 9 channels is ~720 MB of arrays,
/// so a reader that buffers members (or widens through double[]) would need twice that; these tests would catch it.
/// </summary>
public sealed class CaseFileMemoryTests
{
    private const long Slack = 2 << 20;

    [Fact]
    public void Read_Float32Case64x64x48x9_AllocatesAtMostTwiceItsArrays()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("case_mem.npz");
        var volume = TestCases.Make("case_mem", new VolumeShape(64, 64, 48), 9);
        CaseFile.Write(path, volume);
        var arrayBytes = ArrayBytes(volume);
        CaseFile.Read(path); // warm-up: JIT, static tables and pools are not per-read costs

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = CaseFile.Read(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: at least the arrays themselves (the measurement works), at most two copies.
        Assert.Equal(arrayBytes, ArrayBytes(read));
        Assert.InRange(allocated, arrayBytes, (2 * arrayBytes) + Slack);
        TestContext.Current.SendDiagnosticMessage($"read allocated {allocated / (double)arrayBytes:0.000} x the array bytes");
    }

    [Fact]
    public void Read_Float64Case_NarrowsWithoutAFullDoubleCopy()
    {
        // Arrange: ct, dose and sdf stored as float64; a double[] per member would allocate 2x their float size more.
        using var dir = new TempFolder();
        var shape = new VolumeShape(64, 64, 48);
        var voxels = shape.VoxelCount;
        var path = CaseNpzBuilder.Valid()
            .Set("ct", NpyArray.Create(new double[voxels], 64, 64, 48))
            .Set("dose", NpyArray.Create(new double[voxels], 64, 64, 48))
            .Set("masks", NpyArray.Create(new byte[voxels * 9], 9, 64, 64, 48))
            .Set("masks_sdf", NpyArray.Create(new double[voxels * 9], 9, 64, 64, 48))
            .WriteTo(dir.File("case_f8.npz"));
        CaseFile.Read(path);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = CaseFile.Read(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: the float results plus a constant, well under what one double[] of the SDF alone would add.
        var resultBytes = ArrayBytes(read);
        Assert.InRange(allocated, resultBytes, resultBytes + Slack);
    }

    private static long ArrayBytes(CaseVolume v) =>
        (4L * (v.Ct.Length + v.Dose.Length + v.Sdf.Length + v.Constraints.Length)) + v.Masks.Length;
}
