namespace VmatTracker.Runs.Access;

/// <summary>
/// Paths with every symbolic link along them resolved, so a containment check ("is this inside the runs root?")
/// cannot be escaped by a link inside the root that points outside it.
/// </summary>
public static class ResolvedPath
{
    private const int MaxLinks = 40;

    /// <summary>The absolute path of <paramref name="path"/> with each existing link component replaced by its final target.</summary>
    /// <exception cref="IOException">The links form a loop (more than 40 followed).</exception>
    public static string Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var links = 0;
        return Resolve(path, ref links);
    }

    private static string Resolve(string path, ref int links)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            while (info.Exists && info.LinkTarget is not null)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"{path}: too many symbolic links (a loop?)");
                }

                // The target may itself sit under links (and be relative to the link's folder): resolve it whole.
                var target = info.ResolveLinkTarget(returnFinalTarget: false)!;
                next = Resolve(Path.GetFullPath(target.FullName, current), ref links);
                info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    /// <summary>Whether <paramref name="path"/>, resolved, lies strictly inside <paramref name="root"/>, resolved.</summary>
    public static bool IsInside(string path, string root)
    {
        var resolvedRoot = Of(root) + Path.DirectorySeparatorChar;
        var resolved = Of(path) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return resolved.Length > resolvedRoot.Length && resolved.StartsWith(resolvedRoot, comparison);
    }
}
