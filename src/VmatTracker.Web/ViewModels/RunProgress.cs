using System.Globalization;
using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// How far a running run is, from what the store has: epochs done is the largest point count among its
/// <c>val/</c> metrics (one point per epoch), the total is its <c>epochs</c> parameter.
/// </summary>
/// <param name="EpochsDone">Epochs with validation metrics.</param>
/// <param name="Epochs">Configured epochs, when known.</param>
public sealed record RunProgress(long EpochsDone, long? Epochs)
{
    /// <summary>Percent done (0 when the total is unknown).</summary>
    public double Percent => Epochs is > 0 ? Math.Min(100, 100.0 * EpochsDone / Epochs.Value) : 0;

    /// <summary>"epoch 3 / 10".</summary>
    public string Text => Epochs is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"epoch {EpochsDone} / {total}")
        : string.Create(CultureInfo.InvariantCulture, $"epoch {EpochsDone}");

    /// <summary>The progress of <paramref name="run"/>.</summary>
    public static RunProgress Of(RunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var done = run.Metrics.Where(m => m.Key.StartsWith("val/", StringComparison.Ordinal)).Select(m => m.Value.Count)
            .DefaultIfEmpty(0).Max();
        long? total = run.Params.GetValueOrDefault("epochs") switch
        {
            long l => l,
            double d => (long)d,
            _ => null,
        };
        return new RunProgress(done, total);
    }
}
