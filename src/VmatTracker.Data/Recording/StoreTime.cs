namespace VmatTracker.Data.Recording;

/// <summary>The store keeps UTC; a time without a kind is taken to be UTC already (as the database returns it).</summary>
internal static class StoreTime
{
    public static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
