namespace VmatTracker.Data.Recording;

/// <summary>A run ID that is not in the store.</summary>
public sealed class UnknownRunException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="runId"/>.</summary>
    public UnknownRunException(long runId)
        : base($"There is no run {runId} in the store.") => RunId = runId;

    /// <summary>Creates an exception with a message.</summary>
    public UnknownRunException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public UnknownRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public UnknownRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The run asked for.</summary>
    public long RunId { get; }
}
