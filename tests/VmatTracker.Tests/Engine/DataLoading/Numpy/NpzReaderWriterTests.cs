using System.IO.Compression;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading.Numpy;

public sealed class NpzReaderWriterTests
{
    private static readonly int[] s_ints = [1, 2, 3];

    [Fact]
    public void WriteThenRead_ThreeMembers_ListsNamesInOrderAndReadsEachByName()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("arrays.npz");
        using (var writer = NpzWriter.Create(path))
        {
            writer.Write("b", NpyArray.Create(s_ints, 3));
            writer.Write("a", NpyArray.CreateStrings(["x", "yz"], 2));
            writer.Write("c", NpyArray.Create(new short[] { -4 }), version: 2);
        }

        // Act
        using var reader = NpzReader.Open(path);

        // Assert
        string[] names = ["b", "a", "c"];
        Assert.Equal(names, reader.Names);
        Assert.Equal(s_ints, reader.Read("b").GetData<int>());
        Assert.Equal(["x", "yz"], reader.Read("a").ToStringArray());
        Assert.Empty(reader.ReadHeader("c").Shape);
        Assert.Equal((short)-4, Assert.Single(reader.Read("c").GetData<short>()));
    }

    [Fact]
    public void Write_Members_AreDeflated()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("zeros.npz");

        // Act
        using (var writer = NpzWriter.Create(path))
        {
            writer.Write("zeros", NpyArray.Create(new float[100_000], 100_000));
        }

        // Assert: 400 kB of zeros compress to almost nothing when deflated (stored would keep every byte).
        using var zip = ZipFile.OpenRead(path);
        var entry = Assert.Single(zip.Entries);
        Assert.Equal("zeros.npy", entry.FullName);
        Assert.True(entry.CompressedLength < entry.Length / 50, $"{entry.CompressedLength} of {entry.Length} bytes");
    }

    [Fact]
    public void Read_MissingMember_NamesFileAndMember()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("one.npz");
        using (var writer = NpzWriter.Create(path))
        {
            writer.Write("present", NpyArray.Create(new byte[1], 1));
        }

        using var reader = NpzReader.Open(path);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => reader.Read("absent"));

        // Assert
        Assert.Equal($"{path}: member 'absent': no such member in the archive", error.Message);
    }

    [Fact]
    public void ReadSingles_Int64Member_SaysWhichDtypeWasExpected()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("ints.npz");
        using (var writer = NpzWriter.Create(path))
        {
            writer.Write("ct", NpyArray.Create(new long[4], 4));
        }

        using var reader = NpzReader.Open(path);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => reader.ReadSingles("ct", out _));

        // Assert
        Assert.Equal($"{path}: member 'ct': has dtype int64, expected float32 or float64", error.Message);
    }

    [Fact]
    public void Write_SameMemberTwice_IsRefused()
    {
        // Arrange
        using var stream = new MemoryStream();
        using var writer = new NpzWriter(stream, leaveOpen: true);
        writer.Write("x", NpyArray.Create(new byte[1], 1));

        // Act
        var error = Assert.Throws<ArgumentException>(() => writer.Write("x", NpyArray.Create(new byte[1], 1)));

        // Assert
        Assert.Contains("member 'x' was already written", error.Message, StringComparison.Ordinal);
    }
}
