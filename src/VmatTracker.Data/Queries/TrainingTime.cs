namespace VmatTracker.Data.Queries;

/// <summary>
/// The "Training time" the comparison table and reports show (the seed record's column): the trainer's own total, the
/// <c>total_time_sec</c> it writes to training_summary.json, which the runner records as metric <see cref="MetricKey"/>
/// when a run ends; else the run's recorded duration (an imported run's is its <c>total_time_sec</c>; a run recorded
/// through the tracker API has its wall time from start to finish, data loading and test evaluation included).
/// </summary>
public static class TrainingTime
{
    /// <summary>The metric the runner records once, at the end of a run: the trainer's total training seconds.</summary>
    public const string MetricKey = "time/total_training_sec";

    /// <summary>The run's training time in seconds, or null when it has neither the metric nor a duration.</summary>
    public static double? Seconds(RunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Metrics.GetValueOrDefault(MetricKey)?.Last ?? run.DurationSeconds;
    }
}
