namespace VmatTracker.Web.Hubs;

/// <summary>The messages <see cref="RunsHub"/> sends, each as one JSON object argument.</summary>
public static class RunHubMessages
{
    /// <summary>The method name of <see cref="EpochCompletedMessage"/>.</summary>
    public const string EpochCompleted = "EpochCompleted";

    /// <summary>The method name of <see cref="RunStatusChangedMessage"/>.</summary>
    public const string RunStatusChanged = "RunStatusChanged";
}

/// <summary>
/// The metric values one epoch logged, as one append committed them: every point of the append with this epoch and
/// step, except per-step keys (ending in <c>_step</c>, such as <c>train/loss_step</c>).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Epoch">The epoch (0-based, as stored).</param>
/// <param name="Step">The optimiser step the values were logged at.</param>
/// <param name="Metrics">Values by key; null where the value was NaN or infinite (JSON has no such numbers).</param>
public sealed record EpochCompletedMessage(long RunId, int Epoch, long Step, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>A run was created, changed status or was deleted.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Its status after the change (for a deletion: the status it had).</param>
/// <param name="Kind"><c>Created</c>, <c>StatusChanged</c> or <c>Deleted</c>.</param>
/// <param name="Message">Why it failed, for a failed run; else null.</param>
public sealed record RunStatusChangedMessage(long RunId, string Status, string Kind, string? Message);
