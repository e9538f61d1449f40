using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading.Numpy;

/// <summary>Arrays written by numpy itself (every dtype, byte order, memory order and format version) read back exactly.</summary>
public sealed class NumpyWrittenArrayTests
{
    // numpy writes each array and a manifest with its C-order values, which is the known answer for our reader.
    private const string Script = """
        import json, os, sys
        import numpy as np
        out = sys.argv[1]
        manifest = []
        descrs = ['|b1', '|u1', '<i2', '>i2', '<i4', '>i4', '<i8', '>i8', '<f4', '>f4', '<f8', '>f8', '<U5', '>U5']
        base = np.arange(24).reshape(2, 3, 4)
        for descr in descrs:
            dt = np.dtype(descr)
            if dt.kind == 'b':
                arr = (base % 3 == 0)
            elif dt.kind == 'U':
                arr = np.array(['p%d' % v if v % 5 else 'héé%d' % v for v in base.ravel()]).reshape(2, 3, 4)
            elif dt.kind == 'f':
                arr = base * 0.37 - 3.1
            elif dt.kind == 'u':
                arr = base * 11
            else:
                arr = (base - 12) * (1 + 2 ** (8 * dt.itemsize - 9))
            arr = arr.astype(dt)
            for order in 'CF':
                a = np.asfortranarray(arr) if order == 'F' else np.ascontiguousarray(arr)
                for version in (1, 2, 3):
                    name = 'a%d.npy' % len(manifest)
                    with open(os.path.join(out, name), 'wb') as f:
                        np.lib.format.write_array(f, a, version=(version, 0))
                    values = [v if isinstance(v, str) else (bool(v) if dt.kind == 'b' else v.item())
                              for v in a.ravel(order='C')]
                    manifest.append(dict(file=name, descr=descr, fortran=order == 'F', version=version,
                                         shape=list(a.shape), values=values))
        print(json.dumps(manifest))
        """;

    [Fact]
    public void Read_NumpyWrittenArrays_EveryDtypeOrderAndVersion_MatchNumpysValues()
    {
        // Arrange
        using var dir = new TempFolder();
        var manifest = JsonNode.Parse(NumpyPython.Run(Script, dir.Path))!.AsArray();
        var failures = new List<string>();

        // Act
        foreach (var entry in manifest)
        {
            var file = dir.File(entry!["file"]!.GetValue<string>());
            var descr = entry["descr"]!.GetValue<string>();
            var label = $"{descr} fortran={entry["fortran"]} v{entry["version"]}";
            using var stream = File.OpenRead(file);
            var header = NpyReader.ReadHeader(stream);
            var array = NpyReader.ReadData(stream, header);
            var expected = entry["values"]!.AsArray();
            if (header.FortranOrder != entry["fortran"]!.GetValue<bool>())
            {
                failures.Add($"{label}: header says fortran_order={header.FortranOrder}");
            }

            if (File.ReadAllBytes(file)[6] != entry["version"]!.GetValue<int>())
            {
                failures.Add($"{label}: version byte differs");
            }

            if (!array.Shape.SequenceEqual(entry["shape"]!.AsArray().Select(n => n!.GetValue<int>())))
            {
                failures.Add($"{label}: shape {NpyHeader.FormatShape(array.Shape)}");
            }

            for (var i = 0; i < expected.Count; i++)
            {
                var actual = Element(array, i);
                var wanted = Expected(array.Dtype.Kind, expected[i]!);
                if (!Equals(actual, wanted))
                {
                    failures.Add($"{label}: element {i} is {actual}, numpy says {wanted}");
                    break;
                }
            }
        }

        // Assert: 14 dtypes x 2 orders x 3 versions, all identical.
        Assert.Equal(84, manifest.Count);
        Assert.Empty(failures);
    }

    private static object Element(NpyArray array, int i) => array.Data switch
    {
        byte[] b when array.Dtype.Kind == NpyKind.Bool => b[i] != 0,
        byte[] b => (long)b[i],
        short[] s => (long)s[i],
        int[] n => (long)n[i],
        long[] l => l[i],
        float[] f => (double)f[i],
        double[] d => d[i],
        string[] s => s[i],
        _ => throw new InvalidOperationException(array.Dtype.Name),
    };

    private static object Expected(NpyKind kind, JsonNode value) => kind switch
    {
        NpyKind.Bool => value.GetValue<bool>(),
        NpyKind.Float32 => (double)(float)value.GetValue<double>(),
        NpyKind.Float64 => value.GetValue<double>(),
        NpyKind.Unicode => value.GetValue<string>(),
        _ => value.GetValue<long>(),
    };
}
