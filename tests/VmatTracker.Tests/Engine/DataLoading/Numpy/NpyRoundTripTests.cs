using VmatTracker.Engine.DataLoading.Numpy;

namespace VmatTracker.Tests.Engine.DataLoading.Numpy;

public sealed class NpyRoundTripTests
{
    public static TheoryData<NpyKind, bool, int> Matrix()
    {
        var data = new TheoryData<NpyKind, bool, int>();
        foreach (var kind in new[] { NpyKind.Bool, NpyKind.UInt8, NpyKind.Int16, NpyKind.Int32, NpyKind.Int64, NpyKind.Float32, NpyKind.Float64, NpyKind.Unicode })
        {
            foreach (var bigEndian in new[] { false, true })
            {
                foreach (var version in new[] { 1, 2, 3 })
                {
                    data.Add(kind, bigEndian, version);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void WriteThenRead_EveryDtypeByteOrderAndVersion_GivesTheSameArray(NpyKind kind, bool bigEndian, int version)
    {
        // Arrange
        var original = Sample(kind, bigEndian);
        using var stream = new MemoryStream();

        // Act
        NpyWriter.Write(stream, original, version);
        stream.Position = 0;
        var read = NpyReader.Read(stream);

        // Assert
        Assert.Equal(version, stream.ToArray()[6]);
        Assert.Equal(original.Dtype, read.Dtype);
        Assert.Equal(original.Shape, read.Shape);
        Assert.Equal(original.Data, read.Data);
    }

    [Fact]
    public void Write_BigEndianFloat32_StoresBytesMostSignificantFirst()
    {
        // Arrange: 1.0f is 0x3F800000.
        var array = NpyArray.Create([1f], 1).WithDtype(NpyDtype.Float32 with { IsBigEndian = true });
        using var stream = new MemoryStream();

        // Act
        NpyWriter.Write(stream, array);

        // Assert
        byte[] expected = [0x3F, 0x80, 0, 0];
        var bytes = stream.ToArray();
        Assert.Equal(128 + 4, bytes.Length);
        Assert.Equal(expected, bytes[^4..]);
        Assert.Equal(1f, Assert.Single(array.GetData<float>()));
    }

    [Fact]
    public void Header_Written_IsPaddedLikeNumpysAndEndsInNewline()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act
        NpyWriter.WriteHeader(stream, new NpyHeader(NpyDtype.Float32, false, [3, 4]));

        // Assert
        // numpy 1.24's np.save writes this header as 128 bytes (magic, version, length, dict, spaces, newline).
        var bytes = stream.ToArray();
        Assert.Equal(128, bytes.Length);
        Assert.Equal((byte)'\n', bytes[^1]);
        var text = System.Text.Encoding.Latin1.GetString(bytes, 10, bytes.Length - 10).TrimEnd();
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", text);
    }

    [Fact]
    public void ReadSingles_Float64BigEndianLargerThanOneChunk_NarrowsEveryValue()
    {
        // Arrange: more than one 1 MiB chunk of doubles, so the chunk loop's seams are crossed.
        var values = new double[(NpyReader.ChunkBytes / 8 * 2) + 13];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i * 0.37) - 1000;
        }

        using var stream = new MemoryStream();
        NpyWriter.Write(stream, NpyArray.Create(values, values.Length).WithDtype(NpyDtype.Float64 with { IsBigEndian = true }));
        stream.Position = 0;

        // Act
        var header = NpyReader.ReadHeader(stream);
        var singles = NpyReader.ReadSingles(stream, header);

        // Assert
        Assert.Equal(values.Length, singles.Length);
        Assert.Equal(values.Select(v => (float)v), singles);
    }

    [Fact]
    public void ToSingleArray_Float32_ReturnsTheSameArrayWithoutCopy()
    {
        // Arrange
        var data = new[] { 1f, 2f };
        var array = NpyArray.Create(data, 2);

        // Act
        var singles = array.ToSingleArray();

        // Assert
        float[] expected = [1f, 2f];
        double[] doubles = [1.0, 2.0];
        Assert.Same(data, singles);
        Assert.Equal(expected, NpyArray.Create(doubles, 2).ToSingleArray());
    }

    [Fact]
    public void Read_StreamEndingEarly_SaysHowManyBytesWereMissing()
    {
        // Arrange: a (2, 3) int32 array needs 24 bytes; keep 10.
        using var full = new MemoryStream();
        NpyWriter.Write(full, NpyArray.Create(new int[6], 2, 3));
        using var cut = new MemoryStream(full.ToArray()[..^14]);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NpyReader.Read(cut));

        // Assert
        Assert.Equal("truncated: shape (2, 3) of int32 needs 24 data bytes, the data ends after 10", error.Message);
    }

    [Fact]
    public void Read_StreamWithBytesAfterTheData_ReportsASizeMismatch()
    {
        // Arrange
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, NpyArray.Create(new int[6], 2, 3));
        stream.WriteByte(0);
        stream.Position = 0;

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NpyReader.Read(stream));

        // Assert
        Assert.Equal("size mismatch: more data follows the 24 bytes that shape (2, 3) of int32 needs", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'X', 1, 0 }, "bad magic")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 4, 0 }, "unsupported .npy format version 4.0")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 50, 0, (byte)'{' }, "truncated: the data ends inside the header")]
    public void ReadHeader_BadPrefix_IsRejectedWithTheReason(byte[] bytes, string reason)
    {
        // Arrange
        using var stream = new MemoryStream(bytes);

        // Act
        var error = Assert.Throws<NumpyFormatException>(() => NpyReader.ReadHeader(stream));

        // Assert
        Assert.StartsWith(reason, error.Message, StringComparison.Ordinal);
    }

    private static NpyArray Sample(NpyKind kind, bool bigEndian)
    {
        int[] shape = [2, 3];
        var array = kind switch
        {
            NpyKind.Bool => NpyArray.CreateBool([1, 0, 0, 1, 1, 0], shape),
            NpyKind.UInt8 => NpyArray.Create(new byte[] { 0, 1, 127, 128, 254, 255 }, shape),
            NpyKind.Int16 => NpyArray.Create(new short[] { short.MinValue, -1, 0, 1, 258, short.MaxValue }, shape),
            NpyKind.Int32 => NpyArray.Create(new[] { int.MinValue, -1, 0, 1, 65538, int.MaxValue }, shape),
            NpyKind.Int64 => NpyArray.Create(new[] { long.MinValue, -1, 0, 1, 1L << 40, long.MaxValue }, shape),
            NpyKind.Float32 => NpyArray.Create(new[] { float.MinValue, -1.5f, 0f, 1e-30f, 3.25f, float.NaN }, shape),
            NpyKind.Float64 => NpyArray.Create(new[] { double.MinValue, -1.5, 0, 1e-300, Math.PI, double.NegativeInfinity }, shape),
            _ => NpyArray.CreateStrings(["a", "", "héllo", "𝄞 clef", "PTV70", "x"], shape),
        };
        return array.Dtype.ItemSize > 1 ? array.WithDtype(array.Dtype with { IsBigEndian = bigEndian }) : array;
    }
}
