using System.Reflection;

namespace VmatTracker.Data.Recording;

/// <summary>
/// The git state of the VmatTracker source this binary was built from, embedded at build time by
/// BuildProvenance.targets. Every value is null when the build ran outside a git checkout.
/// </summary>
public sealed record BuildSourceInfo(string? Commit, string? Branch, bool? Dirty, string? Diff)
{
    private static readonly Lazy<BuildSourceInfo> s_current = new(Read);

    /// <summary>The state embedded in this assembly.</summary>
    public static BuildSourceInfo Current => s_current.Value;

    private static BuildSourceInfo Read()
    {
        var assembly = typeof(BuildSourceInfo).Assembly;
        var metadata = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var commit = metadata.GetValueOrDefault("VmatSourceCommit");
        if (string.IsNullOrWhiteSpace(commit))
        {
            return new BuildSourceInfo(null, null, null, null);
        }

        // The count of changed tracked files, as the build saw it.
        var dirty = metadata.GetValueOrDefault("VmatSourceDirty") is { } count && count != "0" && count.Length > 0;
        string? diff = null;
        using (var stream = assembly.GetManifestResourceStream("VmatTracker.Data.SourceDiff"))
        {
            if (stream is not null)
            {
                using var reader = new StreamReader(stream);
                diff = reader.ReadToEnd();
            }
        }

        return new BuildSourceInfo(commit.Trim(), metadata.GetValueOrDefault("VmatSourceBranch")?.Trim(), dirty, diff);
    }
}
