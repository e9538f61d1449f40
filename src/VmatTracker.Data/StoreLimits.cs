namespace VmatTracker.Data;

/// <summary>Length limits the store enforces on names and keys (the column sizes of the schema).</summary>
public static class StoreLimits
{
    /// <summary>Experiment and run names, case IDs, structure names.</summary>
    public const int NameLength = 200;

    /// <summary>Metric, parameter and tag keys.</summary>
    public const int KeyLength = 200;

    /// <summary>Paths, tag values, source keys.</summary>
    public const int TextLength = 1000;
}
