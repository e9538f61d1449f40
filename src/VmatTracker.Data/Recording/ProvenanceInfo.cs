using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VmatTracker.Data.Recording;

/// <summary>How a run is made, as the recording process sees it. <see cref="Capture"/> fills it for this process.</summary>
public sealed record ProvenanceInfo
{
    /// <summary>Commit of the VmatTracker source the binary was built from.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>Its branch.</summary>
    public string? SourceBranch { get; init; }

    /// <summary>Whether it had uncommitted changes.</summary>
    public bool? SourceDirty { get; init; }

    /// <summary>The uncommitted diff.</summary>
    public string? SourceDiff { get; init; }

    /// <summary>The working folder.</summary>
    public string? WorkingFolder { get; init; }

    /// <summary>The working folder's commit when it is a git checkout.</summary>
    public string? WorkingFolderCommit { get; init; }

    /// <summary>The command line.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Machine name.</summary>
    public string? Host { get; init; }

    /// <summary>Operating system.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>.NET (or Python) runtime version.</summary>
    public string? RuntimeVersion { get; init; }

    /// <summary>Logical CPU threads.</summary>
    public int? CpuThreads { get; init; }

    /// <summary>Compute stack values from the caller.</summary>
    public ComputeInfo Compute { get; init; } = new();

    /// <summary>
    /// Captures this process: the embedded source state, the command line, host, OS, .NET and CPU threads, the
    /// commit of <paramref name="workingFolder"/> (default: the current folder) when it is a git checkout, and the
    /// compute values the caller knows.
    /// </summary>
    public static ProvenanceInfo Capture(ComputeInfo? compute = null, string? workingFolder = null)
    {
        var source = BuildSourceInfo.Current;
        var folder = Path.GetFullPath(workingFolder ?? Environment.CurrentDirectory);
        return new ProvenanceInfo
        {
            SourceCommit = source.Commit,
            SourceBranch = source.Branch,
            SourceDirty = source.Dirty,
            SourceDiff = source.Diff,
            WorkingFolder = folder,
            WorkingFolderCommit = GitCommitOf(folder),
            CommandLine = Environment.CommandLine,
            Host = Environment.MachineName,
            OperatingSystem = RuntimeInformation.OSDescription,
            RuntimeVersion = RuntimeInformation.FrameworkDescription,
            CpuThreads = Environment.ProcessorCount,
            Compute = compute ?? new ComputeInfo(),
        };
    }

    /// <summary>The HEAD commit of the checkout holding <paramref name="folder"/>, or null (no git, no checkout).</summary>
    public static string? GitCommitOf(string folder)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[] { "rev-parse", "HEAD" })
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(5000) && git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: the working folder's commit is simply unknown.
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
