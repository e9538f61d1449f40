namespace VmatTracker.Tests.Infrastructure;

/// <summary>The system clock moved by an offset: a recorder on it writes its heartbeats in the past.</summary>
internal sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
