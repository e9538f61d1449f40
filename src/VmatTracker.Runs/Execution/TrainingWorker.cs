using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Options;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;

namespace VmatTracker.Runs.Execution;

/// <summary>
/// Trains the queue's runs, <see cref="VmatTrackerOptions.TrainingConcurrency"/> at a time, each on a thread of its own
/// (TorchSharp's dispose scopes belong to one thread, and a run would hold a pool thread for hours). At start-up it
/// marks the runs a dead server left Running (no heartbeat for <see cref="VmatTrackerOptions.StaleRunAfter"/>) as Interrupted and puts the store's Queued runs back in the queue.
/// Server shutdown stops the running runs at their next batch.
/// </summary>
public sealed partial class TrainingWorker(TrainingQueue queue, IRunTrainer trainer, CheckpointEvaluationRunner evaluator,
    RunRecorder recorder, IDbContextFactory<TrackerDbContext> contexts, RunLogs logs, LiveBatchProgress batches,
    IOptions<VmatTrackerOptions> options, TimeProvider time, ILogger<TrainingWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var stopAll = stoppingToken.Register(queue.StopAll);
        var slots = Math.Max(1, options.Value.TrainingConcurrency);
        await Task.WhenAll(Enumerable.Range(0, slots).Select(_ => RunSlotAsync(stoppingToken)));
    }

    /// <summary>Marks runs left Running with a stale heartbeat (<see cref="VmatTrackerOptions.StaleRunAfter"/>) as
    /// Interrupted and re-queues the Queued ones, oldest first.</summary>
    internal async Task RecoverAsync(CancellationToken cancellationToken)
    {
        List<long> running;
        List<(long Id, string Config)> waiting;
        var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using (context)
        {
            // Only runs nobody has heard from lately: a run another process trains (vmat train on this database, a
            // client of the ingest API) keeps heartbeating and is left alone.
            var staleBefore = time.GetUtcNow().UtcDateTime - options.Value.StaleRunAfter;
            running = await context.Runs
                .Where(r => r.Status == RunStatus.Running && (r.LastHeartbeatAt == null || r.LastHeartbeatAt < staleBefore))
                .Select(r => r.Id).ToListAsync(cancellationToken);
            var rows = await context.Runs.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.ConfigJson }).ToListAsync(cancellationToken);
            waiting = [.. rows.Select(r => (r.Id, r.ConfigJson))];
        }

        foreach (var id in running.Where(id => !queue.Contains(id)))
        {
            await recorder.MarkInterruptedAsync(id, cancellationToken);
            LogInterrupted(logger, id);
        }

        foreach (var (id, config) in waiting.Where(w => !queue.Contains(w.Id)))
        {
            try
            {
                queue.Add(new QueuedRun(id, TrainerConfigReader.Read(config)));
            }
            catch (FormatException e)
            {
                await recorder.FailAsync(id, $"Its stored configuration cannot be trained: {e.Message}", cancellationToken);
            }
        }
    }

    private async Task RunSlotAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (queue.TryStartNext() is { } next)
            {
                if (next.Run.Kind == QueueJobKind.Evaluate)
                {
                    await EvaluateAsync(next.Run, next.Stop);
                }
                else
                {
                    await TrainAsync(next.Run, next.Stop);
                }
            }
        }
    }

    private async Task TrainAsync(QueuedRun run, CancellationToken stop)
    {
        var done = OnOwnThread($"vmat-train-{run.RunId}",
            () => trainer.Train(run.RunId, run.Options, new RunLogObserver(logs, run.RunId, time, batches), stop));
        string? failure = null;
        try
        {
            await done;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while its data was being scanned: the runner has recorded it Cancelled; an ordinary stop, not an error.
        }
#pragma warning disable CA1031 // Recorded as the run's failure below.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e.Message;
            LogTrainerThrew(logger, run.RunId, e);
        }

        try
        {
            await EnsureEndedAsync(run.RunId, stop.IsCancellationRequested, failure);
        }
        finally
        {
            batches.Ended(run.RunId);
            queue.Finish(run.Key);
        }
    }

    /// <summary>Evaluates a checkpoint on a thread of its own; the outcome goes to the run's log and the queue (the
    /// run's status is not touched).</summary>
    private async Task EvaluateAsync(QueuedRun job, CancellationToken stop)
    {
        var checkpoint = job.Checkpoint!;
        var log = new RunLogObserver(logs, job.RunId, time);
        long evaluationId = 0;
        var done = OnOwnThread($"vmat-evaluate-{job.RunId}",
            () => evaluationId = evaluator.Evaluate(job.RunId, job.Options, checkpoint.Path, checkpoint.RunFolder, log.Log, stop));
        string outcome;
        try
        {
            await done;
            outcome = $"evaluation {evaluationId} recorded";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            outcome = "stopped";
        }
#pragma warning disable CA1031 // Whatever the evaluation throws is its outcome, never the worker's end.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = $"failed: {e.Message}";
            LogEvaluationFailed(logger, job.RunId, checkpoint.Path, e);
        }

        log.Log($"evaluating {Path.GetFileName(checkpoint.Path)}: {outcome}");
        queue.Finish(job.Key, outcome);
    }

    /// <summary>Runs <paramref name="work"/> on a new thread (never a pool thread: TorchSharp's dispose scopes belong to
    /// one thread, and a run holds its thread for hours).</summary>
    private static Task OnOwnThread(string name, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
#pragma warning disable CA1031 // Whatever the job throws ends that job, never the worker.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>The trainer records how a run ended; when it could not (it threw first), the worker does.</summary>
    private async Task EnsureEndedAsync(long runId, bool stopped, string? failure)
    {
        RunStatus? status;
        var context = await contexts.CreateDbContextAsync(CancellationToken.None);
        await using (context)
        {
            status = await context.Runs.Where(r => r.Id == runId).Select(r => (RunStatus?)r.Status)
                .FirstOrDefaultAsync(CancellationToken.None);
        }

        if (status is not (RunStatus.Queued or RunStatus.Running))
        {
            return;
        }

        if (failure is null && stopped)
        {
            await recorder.CancelAsync(runId, CancellationToken.None);
        }
        else
        {
            await recorder.FailAsync(runId, failure ?? "The trainer returned without recording how the run ended.",
                CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} was Running with a stale heartbeat when the server started: marked Interrupted")]
    private static partial void LogInterrupted(ILogger logger, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating {Checkpoint} of run {RunId} failed")]
    private static partial void LogEvaluationFailed(ILogger logger, long runId, string checkpoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId} threw")]
    private static partial void LogTrainerThrew(ILogger logger, long runId, Exception exception);
}
