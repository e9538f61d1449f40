using System.Security.Cryptography;

namespace VmatTracker.Data.Recording;

/// <summary>A file to record as a run's artifact.</summary>
/// <param name="Path">File path.</param>
/// <param name="Kind">What it is.</param>
/// <param name="SizeBytes">Size.</param>
/// <param name="Sha256">SHA-256, lower-case hex.</param>
public sealed record ArtifactInfo(string Path, string Kind, long? SizeBytes = null, string? Sha256 = null)
{
    /// <summary>Describes an existing file: its size and SHA-256.</summary>
    public static ArtifactInfo FromFile(string path, string kind)
    {
        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ArtifactInfo(System.IO.Path.GetFullPath(path), kind, stream.Length, hash);
    }
}
