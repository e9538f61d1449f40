using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>
/// Seeded mutations of a case file: structured ones that keep the zip and .npy framing readable so the reader gets
/// past it (header text, shapes, dtypes, zip entries and stated sizes, pickle opcodes) and blind byte-level ones.
/// Every mutant says what was done to it, so a failure can be reproduced from the seed and its number.
/// </summary>
internal sealed class CaseMutator(int seed)
{
    private static readonly string[] s_descrs =
    [
        "<f4", "<f8", ">f4", ">f8", "=f4", "|u1", "|b1", "<i2", "<i4", "<i8", "|O", "<U1", "<U64", "<U999999999",
        "<U2147483647", "<U0", "|f4", "<c16", "<M8", "S10", "", "<", "<f", "<f4<f4",
    ];

    private static readonly string[] s_axes =
    [
        "0", "1", "2", "3", "8", "16", "255", "256", "512", "65535", "2147483647", "2147483648", "4294967296",
        "1000000000000", "-1", "99999999999999999999", "1.5", "",
    ];

    // Opcodes that build, fetch, store or call in the unpickler: the ones a mutation should stress.
    private static readonly byte[] s_pickleOpcodes =
        "()]}.0123adehjlqrstuNRbIJKLMFGSTUVXcigpP"u8.ToArray().Concat(Enumerable.Range(0x80, 0x19).Select(b => (byte)b)).ToArray();

    private readonly Random _random = new(seed);

    public (byte[] Bytes, string Description) Mutate(byte[] original)
    {
        var members = ReadMembers(original);
        var steps = new List<string>();
        var statedSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var rounds = 1 + _random.Next(3);
        var structured = members.Count > 0 && _random.Next(4) != 0;
        if (structured)
        {
            for (var round = 0; round < rounds; round++)
            {
                steps.Add(MutateStructure(members, statedSizes));
            }
        }

        var bytes = structured ? Rezip(members, statedSizes) : original;
        if (!structured || _random.Next(5) == 0)
        {
            bytes = MutateBytes(bytes, out var step);
            steps.Add(step);
        }

        return (bytes, string.Join("; ", steps));
    }

    /// <summary>A mutated copy of a bare pickle: opcodes inserted, replaced, or a run of bytes repeated.</summary>
    public (byte[] Bytes, string Description) MutatePickle(byte[] pickle)
    {
        var bytes = new List<byte>(pickle);
        var steps = new List<string>();
        for (var round = 1 + _random.Next(4); round > 0; round--)
        {
            var at = _random.Next(bytes.Count + 1);
            switch (_random.Next(4))
            {
                case 0:
                    var op = s_pickleOpcodes[_random.Next(s_pickleOpcodes.Length)];
                    bytes.Insert(at, op);
                    steps.Add($"insert opcode 0x{op:x2} at {at}");
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = s_pickleOpcodes[_random.Next(s_pickleOpcodes.Length)];
                    steps.Add($"replace byte {at} with opcode 0x{bytes[at]:x2}");
                    break;
                case 2 when at < bytes.Count:
                    var length = Math.Min(1 + _random.Next(32), bytes.Count - at);
                    var run = bytes.GetRange(at, length);
                    var copies = 1 + _random.Next(64);
                    for (var c = 0; c < copies; c++)
                    {
                        bytes.InsertRange(at, run);
                    }

                    steps.Add($"repeat {length} bytes at {at} {copies} times");
                    break;
                default:
                    var value = (byte)_random.Next(256);
                    bytes.Insert(at, value);
                    steps.Add($"insert byte 0x{value:x2} at {at}");
                    break;
            }
        }

        return ([.. bytes], "pickle: " + string.Join("; ", steps));
    }

    private string MutateStructure(List<(string Name, byte[] Bytes)> members, Dictionary<string, long> statedSizes)
    {
        var index = _random.Next(members.Count);
        var (name, bytes) = members[index];
        switch (_random.Next(9))
        {
            case 0:
            case 1:
                var shape = string.Join(", ", Enumerable.Range(0, _random.Next(6)).Select(_ => s_axes[_random.Next(s_axes.Length)]));
                members[index] = (name, ReplaceInHeader(bytes, "'shape': (", ")", shape + (_random.Next(2) == 0 ? "," : "")));
                return $"{name}: shape ({shape})";
            case 2:
            case 3:
                var descr = s_descrs[_random.Next(s_descrs.Length)];
                members[index] = (name, ReplaceInHeader(bytes, "'descr': '", "'", descr));
                return $"{name}: descr '{descr}'";
            case 4:
                members[index] = (name, ReplaceInHeader(bytes, "'fortran_order': ", ",", _random.Next(2) == 0 ? "True" : "Fals"));
                return $"{name}: fortran_order";
            case 5:
                var stated = bytes.Length + (_random.Next(5) switch { 0 => -1, 1 => 1, 2 => 1L << 32, 3 => 1L << 40, _ => -bytes.Length });
                statedSizes[name] = Math.Max(0, stated);
                return $"{name}: stated size {statedSizes[name]}";
            case 6:
                var kind = _random.Next(3);
                if (kind == 0)
                {
                    members.RemoveAt(index);
                    return $"{name}: removed";
                }

                members.Add(kind == 1 ? (name, bytes) : (name.Replace(".npy", "", StringComparison.Ordinal), bytes));
                return kind == 1 ? $"{name}: duplicated" : $"{name}: copy without .npy";
            case 7 when bytes.Length > 128:
                var data = (byte[])bytes.Clone();
                var objectMember = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 128)).Contains("'|O'", StringComparison.Ordinal);
                var headerEnd = Math.Min(bytes.Length - 1, 128);
                var (mutated, step) = objectMember ? MutatePickle(data[headerEnd..]) : (MutateData(data[headerEnd..]), "data bytes");
                members[index] = (name, [.. data[..headerEnd], .. mutated]);
                return $"{name}: {step}";
            default:
                var header = (byte[])bytes.Clone();
                var at = _random.Next(Math.Min(header.Length, 12));
                header[at] = (byte)_random.Next(256);
                members[index] = (name, header);
                return $"{name}: preamble byte {at} = 0x{header[at]:x2}";
        }
    }

    private byte[] MutateData(byte[] data)
    {
        for (var i = 1 + _random.Next(8); i > 0 && data.Length > 0; i--)
        {
            data[_random.Next(data.Length)] = (byte)_random.Next(256);
        }

        return data;
    }

    private byte[] MutateBytes(byte[] bytes, out string step)
    {
        var copy = (byte[])bytes.Clone();
        switch (_random.Next(3))
        {
            case 0:
                var length = _random.Next(copy.Length + 1);
                step = $"truncated to {length} bytes";
                return copy[..length];
            case 1:
                var count = 1 + _random.Next(16);
                for (var i = 0; i < count; i++)
                {
                    copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
                }

                step = $"{count} random bytes";
                return copy;
            default:
                // The end of the file is the zip's directory: sizes, offsets, counts.
                var at = Math.Max(0, copy.Length - 1 - _random.Next(Math.Min(copy.Length, 200)));
                copy[at] = (byte)_random.Next(256);
                step = $"directory byte {at} = 0x{copy[at]:x2}";
                return copy;
        }
    }

    private static byte[] ReplaceInHeader(byte[] npy, string start, string end, string replacement)
    {
        var limit = Math.Min(npy.Length, 256);
        var text = Encoding.Latin1.GetString(npy, 0, limit);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        if (to < 0)
        {
            return npy;
        }

        // Keep the header's length: pad or cut the spaces before its newline, as a hand-edited file would.
        var edited = text[..(from + start.Length)] + replacement + text[to..];
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline > 0 && edited.Length != text.Length)
        {
            var delta = edited.Length - text.Length;
            var editedNewline = newline + delta;
            var spaces = edited[..editedNewline].TrimEnd(' ');
            edited = spaces.PadRight(Math.Max(spaces.Length, newline)) + edited[editedNewline..];
        }

        return [.. Encoding.Latin1.GetBytes(edited), .. npy.AsSpan(limit)];
    }

    private static List<(string Name, byte[] Bytes)> ReadMembers(byte[] npz)
    {
        using var zip = new ZipArchive(new MemoryStream(npz), ZipArchiveMode.Read);
        var members = new List<(string, byte[])>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            members.Add((entry.FullName, copy.ToArray()));
        }

        return members;
    }

    private static byte[] Rezip(List<(string Name, byte[] Bytes)> members, Dictionary<string, long> statedSizes)
    {
        var zip = new HandWrittenZip();
        foreach (var (name, bytes) in members)
        {
            zip.Add(name, bytes, statedSizes.TryGetValue(name, out var stated) ? stated : null);
        }

        return zip.ToBytes();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CaseMutator({seed})");
}
