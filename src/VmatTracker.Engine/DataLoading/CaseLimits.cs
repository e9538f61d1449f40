using System.Globalization;

namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// What a case file may make the readers allocate. A case file is untrusted input: its headers and zip directory can
/// state any size, so every array is checked against these bounds before it is allocated. A file over them is refused
/// by name (<see cref="CaseFormatException"/> or <see cref="Numpy.NumpyFormatException"/>), never read.
/// </summary>
public sealed record CaseLimits
{
    /// <summary>2 GiB: a 256×256×160 case with 9 structure channels in float32 is about 0.4 GiB.</summary>
    public const long DefaultMaxDecompressedBytes = 2L << 30;

    /// <summary>64 MiB: metadata (a pickle or a JSON string) is kilobytes.</summary>
    public const long DefaultMaxMetadataBytes = 64L << 20;

    /// <summary>The variable that sets the case limit in MiB for every reader of this process (CLI, server, trainer).</summary>
    public const string EnvironmentVariable = "VMAT_CASE_LIMIT_MIB";

    private static readonly Lazy<CaseLimits> s_default = new(FromEnvironment);

    /// <summary>The limits used unless a caller sets others: the built-in ones, or <see cref="EnvironmentVariable"/>'s.</summary>
    /// <exception cref="InvalidOperationException">The variable is set but not a whole number of MiB of at least 1.</exception>
    public static CaseLimits Default => s_default.Value;

    /// <summary>The most bytes all arrays of one case file may hold once decompressed, and so any one of them.</summary>
    public long MaxDecompressedBytes { get; init; } = DefaultMaxDecompressedBytes;

    /// <summary>The most bytes a pickled or string (metadata) member may hold.</summary>
    public long MaxMetadataBytes { get; init; } = DefaultMaxMetadataBytes;

    /// <summary>Limits with a case limit of <paramref name="mebibytes"/> MiB (metadata limit capped by it).</summary>
    public static CaseLimits FromMebibytes(long mebibytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mebibytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mebibytes, long.MaxValue >> 20);
        var bytes = mebibytes << 20;
        return new CaseLimits { MaxDecompressedBytes = bytes, MaxMetadataBytes = Math.Min(bytes, DefaultMaxMetadataBytes) };
    }

    private static CaseLimits FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CaseLimits();
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mebibytes)
               && mebibytes is >= 1 and <= long.MaxValue >> 20
            ? FromMebibytes(mebibytes)
            : throw new InvalidOperationException($"{EnvironmentVariable}: '{text}' is not a whole number of MiB of at least 1");
    }

    /// <summary>A byte count as people read it: 512 B, 3.5 MiB, 4 GiB.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        < 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB"),
    };
}
