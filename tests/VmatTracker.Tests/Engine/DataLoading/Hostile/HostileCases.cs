using System.Diagnostics;
using System.Text;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>
/// The hostile case files of issue 15, made in code (nothing binary is committed): each is small on disk and cheap to
/// build, whatever it claims to hold.
/// </summary>
internal static class HostileCases
{
    /// <summary>Axis length and channel count of the oversized case: the float32 SDF stack alone states 4 GiB.</summary>
    public const int OversizedEdge = 512;

    public const int OversizedChannels = 8;

    /// <summary>
    /// A case whose members are 512³ with 8 structure channels. The headers are honest and the zip directory states the
    /// sizes they need (1 GiB masks, 4 GiB SDFs), but the members hold only a few kilobytes of deflated zeros.
    /// </summary>
    public static string Oversized(string path)
    {
        int[] volume = [OversizedEdge, OversizedEdge, OversizedEdge];
        int[] stack = [OversizedChannels, .. volume];
        return new HandWrittenZip()
            .Add("ct.npy", HeaderAndZeros(NpyDtype.Float32, volume, out var ctSize), ctSize)
            .Add("dose.npy", HeaderAndZeros(NpyDtype.Float32, volume, out var doseSize), doseSize)
            .Add("masks.npy", HeaderAndZeros(NpyDtype.UInt8, stack, out var masksSize), masksSize)
            .Add("masks_sdf.npy", HeaderAndZeros(NpyDtype.Float32, stack, out var sdfSize), sdfSize)
            .Add("constraints.npy", Npy(NpyArray.Create(new float[13], 13)))
            .Add("metadata_json.npy", Npy(NpyArray.StringScalar("""{"site": "prostate", "voxel_spacing_mm": [1, 1, 1]}""")))
            .WriteTo(path);
    }

    /// <summary>A valid small case except that its metadata is the 40-level shared-reference pickle bomb.</summary>
    public static string PickleBomb(string path) => CaseNpzBuilder.Valid().Remove("metadata_json")
        .SetHeaderAndBody("metadata", new NpyHeader(NpyDtype.Object, false, []), PickleOpcodes.SharedReferenceBomb())
        .WriteTo(path);

    /// <summary>A valid small case except that one member's dtype is a unicode string of a billion code points.</summary>
    public static string HugeUnicodeDtype(string path) => CaseNpzBuilder.Valid()
        .SetRaw("constraints", RawNpy("{'descr': '<U999999999', 'fortran_order': False, 'shape': (1,), }"))
        .WriteTo(path);

    /// <summary>A FIFO with no writer: opening it for reading blocks until one comes.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        return mkfifo.ExitCode == 0 ? path : throw new InvalidOperationException($"mkfifo {path} failed: {mkfifo.StandardError.ReadToEnd()}");
    }

    public static string SymlinkTo(string path, string target)
    {
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Writes one real phantom case (16³, 8 channels) into <paramref name="folder"/>; returns its path.</summary>
    public static string Phantom(string folder, int seed = 7, int size = 16)
    {
        PhantomDataset.Write(folder, 1, new PhantomOptions { Shape = new VolumeShape(size, size, size), Spacing = new VoxelSpacing(8, 8, 8), Seed = seed },
            reuseExisting: false, null, CancellationToken.None);
        return Path.Combine(folder, PhantomDataset.CaseFileName(1));
    }

    public static byte[] Npy(NpyArray array)
    {
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, array);
        return stream.ToArray();
    }

    /// <summary>A version 1.0 .npy made of exactly this header text (padded with spaces to 64 bytes) and no data.</summary>
    public static byte[] RawNpy(string header)
    {
        var padded = header.PadRight(((header.Length + 10 + 1 + 63) / 64 * 64) - 10) + "\n";
        var bytes = new List<byte>(NpyReader.Magic.ToArray()) { 1, 0, (byte)(padded.Length & 0xFF), (byte)(padded.Length >> 8) };
        bytes.AddRange(Encoding.Latin1.GetBytes(padded));
        return [.. bytes];
    }

    private static byte[] HeaderAndZeros(NpyDtype dtype, int[] shape, out long statedSize)
    {
        using var stream = new MemoryStream();
        NpyWriter.WriteHeader(stream, new NpyHeader(dtype, false, shape));
        var header = stream.Length;
        stream.Write(new byte[4096]);
        statedSize = header + (shape.Aggregate(1L, (n, axis) => n * axis) * dtype.ItemSize);
        return stream.ToArray();
    }
}
