using System.Buffers.Binary;
using System.Globalization;

namespace VmatTracker.Engine.DataLoading.Numpy.Pickling;

/// <summary>
/// Walks a pickle's opcodes without building anything, before the unpickler runs, and refuses one whose cost is out
/// of bounds: more values pushed (built or fetched from the memo) than <see cref="MaxValues"/>, more memo entries
/// than <see cref="MaxMemoEntries"/>, numbers longer than <see cref="MaxNumberLength"/>, unknown opcodes, or
/// arguments that run past the end. The output a value expands to is bounded separately, in
/// <see cref="NumpyPickle.ToJson"/>, since shared references make it exponential in the pickle's size.
/// </summary>
internal static class PickleCost
{
    /// <summary>Values the unpickler may push in all; metadata pushes hundreds.</summary>
    public const int MaxValues = 1_000_000;

    /// <summary>Memo entries the pickle may store.</summary>
    public const int MaxMemoEntries = 100_000;

    /// <summary>Characters (or bytes) of one integer or float literal; metadata numbers are a few digits.</summary>
    public const int MaxNumberLength = 1000;

    private enum Argument
    {
        None,
        Line,
        TwoLines,
        NumberLine,
        Fixed1,
        Fixed2,
        Fixed4,
        Fixed8,
        Counted1,
        Counted4,
        Counted8,
        Number1,
        Number4,
    }

    /// <summary>Throws <see cref="NumpyFormatException"/> naming the bound the pickle breaks and where.</summary>
    public static void Check(ReadOnlySpan<byte> pickle)
    {
        var values = 0;
        var memo = 0;
        var position = 0;
        while (position < pickle.Length)
        {
            var at = position;
            var opcode = pickle[position++];
            if (!TryDescribe(opcode, out var argument, out var pushes, out var stores))
            {
                throw Fail($"unknown opcode 0x{opcode:x2}", at);
            }

            position = Skip(pickle, position, argument, at);
            if (pushes && ++values > MaxValues)
            {
                throw Fail($"it pushes more than {MaxValues} values, over the unpickler's object limit", at);
            }

            if (stores && ++memo > MaxMemoEntries)
            {
                throw Fail($"it stores more than {MaxMemoEntries} memo entries, over the unpickler's memo limit", at);
            }

            if (opcode == (byte)'.')
            {
                return;
            }
        }

        throw Fail("it ends without a STOP opcode", position);
    }

    private static int Skip(ReadOnlySpan<byte> pickle, int position, Argument argument, int at)
    {
        var rest = pickle[position..];
        var length = argument switch
        {
            Argument.None => 0L,
            Argument.Fixed1 => 1,
            Argument.Fixed2 => 2,
            Argument.Fixed4 => 4,
            Argument.Fixed8 => 8,
            Argument.Line or Argument.NumberLine => LineLength(rest, at),
            Argument.TwoLines => TwoLinesLength(rest, at),
            Argument.Counted1 or Argument.Number1 => 1 + Need(rest, 1, at)[0],
            Argument.Counted4 or Argument.Number4 => 4 + (long)BinaryPrimitives.ReadUInt32LittleEndian(Need(rest, 4, at)),
            _ => 8 + (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(Need(rest, 8, at)), (ulong)int.MaxValue),
        };
        var isNumber = argument is Argument.NumberLine or Argument.Number1 or Argument.Number4;
        if (isNumber && length > MaxNumberLength + 4)
        {
            throw Fail($"a number literal of {length} characters is over the {MaxNumberLength}-character limit", at);
        }

        if (length > rest.Length)
        {
            throw Fail($"its argument of {length} bytes runs past the end", at);
        }

        return position + (int)length;
    }

    private static ReadOnlySpan<byte> Need(ReadOnlySpan<byte> rest, int count, int at) =>
        rest.Length >= count ? rest[..count] : throw Fail("it is truncated inside an argument", at);

    private static int LineLength(ReadOnlySpan<byte> rest, int at)
    {
        var newline = rest.IndexOf((byte)'\n');
        return newline >= 0 ? newline + 1 : throw Fail("a text argument has no end of line", at);
    }

    private static int TwoLinesLength(ReadOnlySpan<byte> rest, int at)
    {
        var first = LineLength(rest, at);
        return first + LineLength(rest[first..], at);
    }

    private static NumpyFormatException Fail(string problem, int at) =>
        new(string.Create(CultureInfo.InvariantCulture, $"unreadable pickle: {problem} (at byte {at})"));

    private static bool TryDescribe(byte opcode, out Argument argument, out bool pushes, out bool stores)
    {
        (argument, pushes, stores) = opcode switch
        {
            (byte)'(' or (byte)'.' or (byte)'0' or (byte)'1' => (Argument.None, false, false),
            (byte)'a' or (byte)'e' or (byte)'s' or (byte)'u' or (byte)'b' or 0x90 or 0x98 => (Argument.None, false, false),
            (byte)'2' or (byte)'N' or (byte)'Q' or (byte)'R' or (byte)'d' or (byte)'}' or (byte)'l' or (byte)']' => (Argument.None, true, false),
            (byte)'o' or (byte)'t' or (byte)')' or 0x81 or 0x85 or 0x86 or 0x87 or 0x88 or 0x89 => (Argument.None, true, false),
            0x8f or 0x91 or 0x92 or 0x93 or 0x97 => (Argument.None, true, false),
            0x94 => (Argument.None, false, true),
            (byte)'F' or (byte)'I' or (byte)'L' => (Argument.NumberLine, true, false),
            (byte)'P' or (byte)'S' or (byte)'V' or (byte)'g' => (Argument.Line, true, false),
            (byte)'p' => (Argument.Line, false, true),
            (byte)'c' or (byte)'i' => (Argument.TwoLines, true, false),
            (byte)'K' or (byte)'h' or 0x82 => (Argument.Fixed1, true, false),
            (byte)'q' => (Argument.Fixed1, false, true),
            0x80 => (Argument.Fixed1, false, false),
            (byte)'M' or 0x83 => (Argument.Fixed2, true, false),
            (byte)'J' or (byte)'j' or 0x84 => (Argument.Fixed4, true, false),
            (byte)'r' => (Argument.Fixed4, false, true),
            (byte)'G' => (Argument.Fixed8, true, false),
            0x95 => (Argument.Fixed8, false, false),
            (byte)'U' or (byte)'C' or 0x8c => (Argument.Counted1, true, false),
            0x8a => (Argument.Number1, true, false),
            (byte)'T' or (byte)'X' or (byte)'B' => (Argument.Counted4, true, false),
            0x8b => (Argument.Number4, true, false),
            0x8d or 0x8e or 0x96 => (Argument.Counted8, true, false),
            _ => (Argument.None, false, false),
        };
        return opcode is >= 0x80 and <= 0x98 || "().012BCFGIJKLMNPQRSTUVX]abcdeghijlopqrstu}"u8.Contains(opcode);
    }
}
