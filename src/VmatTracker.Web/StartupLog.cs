namespace VmatTracker.Web;

/// <summary>Log messages written once at start-up.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Compute device: {Device}")]
    public static partial void ComputeDevice(ILogger logger, string device);
}
