using System.Buffers.Binary;
using System.Text;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>Writes a pickle opcode by opcode (protocol 2 forms), so a test states exactly the stream it feeds in.</summary>
internal sealed class PickleOpcodes
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public PickleOpcodes Proto(byte version) => Op(0x80, version);

    public PickleOpcodes EmptyList() => Op((byte)']');

    public PickleOpcodes EmptyDict() => Op((byte)'}');

    public PickleOpcodes Mark() => Op((byte)'(');

    public PickleOpcodes Appends() => Op((byte)'e');

    public PickleOpcodes SetItems() => Op((byte)'u');

    public PickleOpcodes Pop() => Op((byte)'0');

    public PickleOpcodes Stop() => Op((byte)'.');

    public PickleOpcodes BinPut(byte index) => Op((byte)'q', index);

    public PickleOpcodes BinGet(byte index) => Op((byte)'h', index);

    public PickleOpcodes Text(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Op((byte)'X');
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        _bytes.AddRange(length.ToArray());
        _bytes.AddRange(utf8);
        return this;
    }

    public PickleOpcodes Float(double value)
    {
        Op((byte)'G');
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        _bytes.AddRange(bytes.ToArray());
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>A metadata dict as a reference file pickles it: site and voxel spacing.</summary>
    public static byte[] ProstateMetadata() => new PickleOpcodes().Proto(2).EmptyDict().BinPut(0).Mark()
        .Text("site").Text("prostate")
        .Text("voxel_spacing_mm").EmptyList().BinPut(1).Mark().Float(1).Float(1).Float(2).Appends()
        .SetItems().Stop().ToArray();

    /// <summary>
    /// The shared-reference bomb: level 0 is an empty list and each of <paramref name="levels"/> levels is a list holding
    /// the previous level twice, so a few hundred bytes stand for 2^levels lists once every reference is followed.
    /// </summary>
    public static byte[] SharedReferenceBomb(int levels = 40)
    {
        var pickle = new PickleOpcodes().Proto(2).EmptyList().BinPut(0).Pop();
        for (var level = 1; level <= levels; level++)
        {
            pickle.EmptyList().BinPut((byte)level).Mark().BinGet((byte)(level - 1)).BinGet((byte)(level - 1)).Appends().Pop();
        }

        return pickle.BinGet((byte)levels).Stop().ToArray();
    }

    private PickleOpcodes Op(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }
}
