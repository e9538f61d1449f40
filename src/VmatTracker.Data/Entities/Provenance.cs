namespace VmatTracker.Data.Entities;

/// <summary>How a run was made: the code, the command and the machine. One per run.</summary>
public class Provenance
{
    /// <summary>The run (also the key).</summary>
    public long RunId { get; set; }

    /// <summary>Commit of the VmatTracker source the recording binary was built from.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>Branch of that source at build time.</summary>
    public string? SourceBranch { get; set; }

    /// <summary>Whether that source had uncommitted changes at build time.</summary>
    public bool? SourceDirty { get; set; }

    /// <summary>The uncommitted diff at build time (empty when clean).</summary>
    public string? SourceDiff { get; set; }

    /// <summary>Commit of the working folder, when it is a git checkout (e.g. the reference's repository).</summary>
    public string? WorkingFolderCommit { get; set; }

    /// <summary>The working folder.</summary>
    public string? WorkingFolder { get; set; }

    /// <summary>The exact command line.</summary>
    public string? CommandLine { get; set; }

    /// <summary>Machine name.</summary>
    public string? Host { get; set; }

    /// <summary>Operating system description.</summary>
    public string? OperatingSystem { get; set; }

    /// <summary>.NET runtime version (or the Python version for imported reference runs).</summary>
    public string? RuntimeVersion { get; set; }

    /// <summary>TorchSharp version (or PyTorch's for imported runs).</summary>
    public string? TorchSharpVersion { get; set; }

    /// <summary>libtorch version.</summary>
    public string? LibTorchVersion { get; set; }

    /// <summary>Compute device, e.g. <c>cpu</c> or <c>cuda:0</c>.</summary>
    public string? Device { get; set; }

    /// <summary>GPU name.</summary>
    public string? GpuName { get; set; }

    /// <summary>GPU memory in bytes.</summary>
    public long? GpuMemoryBytes { get; set; }

    /// <summary>CUDA version.</summary>
    public string? CudaVersion { get; set; }

    /// <summary>Logical CPU threads available.</summary>
    public int? CpuThreads { get; set; }
}
