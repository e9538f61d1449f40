namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Decides which entries of a data folder a scan may open. Only regular files are read, after every symbolic link on
/// the way is resolved, and only when the file they lead to lies inside the (resolved) data folder: a FIFO would block
/// the reader, a device such as /dev/zero never ends, and a link may point anywhere on the machine.
/// </summary>
/// <remarks>
/// A FIFO, device or socket reports a size of 0, as an empty file does; none of them can be a case, so a size of 0
/// is refused without opening the entry. The check and the later open are separate steps: someone who can replace
/// files inside the data folder between the two can still make a scan read what they like from inside it.
/// </remarks>
public static class DataFolderEntries
{
    // Linux gives up after 40 links on one path (ELOOP); resolving here gives up at the same count.
    private const int MaxLinks = 40;

    /// <summary>
    /// <paramref name="path"/> with every symbolic link resolved (like realpath).
    /// </summary>
    /// <exception cref="IOException">The links loop, or there are more than 40 of them.</exception>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var pending = new Stack<string>(Components(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            var candidate = Path.Combine(current, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"more than {MaxLinks} symbolic links (a loop) on the way to '{path}'");
            }

            // The target replaces the link: an absolute one restarts from the root, a relative one from the link's folder.
            var resolved = Path.GetFullPath(target, current);
            var resolvedRoot = Path.GetPathRoot(resolved) ?? "";
            foreach (var component in Components(resolved[resolvedRoot.Length..]).Reverse())
            {
                pending.Push(component);
            }

            current = resolvedRoot;
        }

        return current;
    }

    /// <summary>
    /// Why the scan must not open <paramref name="entry"/> of the data folder resolved to <paramref name="resolvedRoot"/>
    /// (see <see cref="Resolve"/>), or null when it is a regular file inside the folder.
    /// </summary>
    public static string? Refusal(string entry, string resolvedRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        ArgumentException.ThrowIfNullOrEmpty(resolvedRoot);
        string target;
        try
        {
            target = Resolve(entry);
        }
        catch (IOException e)
        {
            return $"a symbolic link loop: {e.Message}";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"cannot be resolved: {e.Message}";
        }

        var isLink = !string.Equals(target, Path.GetFullPath(entry), StringComparison.Ordinal);
        var leadsTo = isLink ? $"a link to '{target}', which is " : "";
        if (!IsInside(target, resolvedRoot))
        {
            return $"{leadsTo}outside the data folder '{resolvedRoot}'; only files inside it are read";
        }

        if (Directory.Exists(target))
        {
            return $"{leadsTo}a folder, not a case file";
        }

        var file = new FileInfo(target);
        if (!file.Exists)
        {
            return $"{leadsTo}missing: the link leads nowhere";
        }

        return file.Length == 0
            ? $"not a regular file with content ({leadsTo}a FIFO, device, socket or empty file); it is not opened"
            : null;
    }

    private static bool IsInside(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, comparison);
    }

    private static string[] Components(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
