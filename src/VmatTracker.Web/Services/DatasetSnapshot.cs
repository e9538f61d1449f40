using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Web.Services;

/// <summary>An immutable view of the dataset's state, for pages to render.</summary>
public sealed record DatasetSnapshot
{
    /// <summary>The data folder in use.</summary>
    public required string Folder { get; init; }

    /// <summary>True when the folder is the generated demo dataset rather than a configured one.</summary>
    public required bool IsDemo { get; init; }

    /// <summary>The database file the server records runs in.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The current phase.</summary>
    public DatasetPhase Phase { get; init; } = DatasetPhase.Starting;

    /// <summary>A line for the user about the phase (progress or the failure).</summary>
    public string Message { get; init; } = "Starting";

    /// <summary>Cases done in the current phase.</summary>
    public int Done { get; init; }

    /// <summary>Cases in the current phase.</summary>
    public int Total { get; init; }

    /// <summary>The validation report, once scanned.</summary>
    public DatasetReport? Report { get; init; }
}
