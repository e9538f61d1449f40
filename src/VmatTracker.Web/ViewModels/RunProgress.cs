using System.Globalization;
using VmatTracker.Data.Queries;
using VmatTracker.Runs.Execution;

namespace VmatTracker.Web.ViewModels;

/// <summary>
/// How far a running run is, from what the store has: epochs done is the largest point count among its
/// <c>val/</c> metrics (one point per epoch), the total is its <c>epochs</c> parameter.
/// </summary>
/// <param name="EpochsDone">Epochs with validation metrics.</param>
/// <param name="Epochs">Configured epochs, when known.</param>
/// <param name="Remaining">Estimated time left at the pace so far (elapsed since start per epoch done), when known.</param>
/// <param name="Batch">The batch within the current epoch, when the server is training the run (else null).</param>
public sealed record RunProgress(long EpochsDone, long? Epochs, TimeSpan? Remaining = null, LiveBatch? Batch = null)
{
    /// <summary>Percent done (0 when the total is unknown); counts batches when the live batch is known.</summary>
    public double Percent => Epochs is > 0
        ? Math.Min(100, Batch is { Progress.BatchesPerEpoch: > 0 } live
            ? 100.0 * ((live.Progress.Epoch * (double)live.Progress.BatchesPerEpoch) + live.Progress.Batch) / (Epochs.Value * (double)live.Progress.BatchesPerEpoch)
            : 100.0 * EpochsDone / Epochs.Value)
        : 0;

    /// <summary>"epoch 3 / 10, about 12 min left", or with the live batch "epoch 4 / 10, batch 7 / 20, about 11 min left".</summary>
    public string Text => (Epochs, Remaining, Batch) switch
    {
        ({ } total, _, { Progress.BatchesPerEpoch: > 0 } live) => string.Create(CultureInfo.InvariantCulture,
            $"epoch {live.Progress.Epoch + 1} / {total}, batch {live.Progress.Batch} / {live.Progress.BatchesPerEpoch}") +
            (Remaining is { } eta ? ", about " + Left(eta) + " left" : ""),
        ({ } total, { } left, _) => string.Create(CultureInfo.InvariantCulture, $"epoch {EpochsDone} / {total}, about {Left(left)} left"),
        ({ } total, null, _) => string.Create(CultureInfo.InvariantCulture, $"epoch {EpochsDone} / {total}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"epoch {EpochsDone}"),
    };

    /// <summary>
    /// The progress of <paramref name="run"/> at <paramref name="now"/> (UTC; the ETA needs it). With the live batch
    /// of a run this server trains, the ETA is the pace of the batches since training began (as the CLI's bar).
    /// </summary>
    public static RunProgress Of(RunListItem run, DateTime? now = null, LiveBatch? batch = null)
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
        if (batch is { Progress: { BatchesPerEpoch: > 0, Batch: > 0 } p } && total is { } epochs)
        {
            return new RunProgress(done, total, p.Remaining(batch.StartEpoch, epochs), batch);
        }

        TimeSpan? remaining = now is { } at && run.StartedAt is { } started && done > 0 && total is { } all && all >= done
            ? (at - started) / done * (all - done)
            : null;
        return new RunProgress(done, total, remaining);
    }

    private static string Left(TimeSpan left) => left.TotalHours >= 1
        ? left.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h"
        : Math.Ceiling(left.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min";
}
