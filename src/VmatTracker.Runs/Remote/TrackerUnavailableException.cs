namespace VmatTracker.Runs.Remote;

/// <summary>The tracker server did not answer (refused, timed out, or the connection broke).</summary>
public sealed class TrackerUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public TrackerUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrackerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrackerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
