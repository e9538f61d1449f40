using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Data.Entities;
using VmatTracker.Data.Recording;
using VmatTracker.Web.Configuration;

namespace VmatTracker.Web.Services.Training;

/// <summary>
/// Trains the queue's runs, <see cref="VmatTrackerOptions.TrainingConcurrency"/> at a time, each on a thread of its own
/// (TorchSharp's dispose scopes belong to one thread, and a run would hold a pool thread for hours). At start-up it
/// marks the runs a dead server left Running (no heartbeat for <see cref="VmatTrackerOptions.StaleRunAfter"/>) as Interrupted and puts the store's Queued runs back in the queue.
/// Server shutdown stops the running runs at their next batch.
/// </summary>
public sealed partial class TrainingWorker(TrainingQueue queue, IRunTrainer trainer, RunRecorder recorder,
    IDbContextFactory<TrackerDbContext> contexts, RunLogs logs, IOptions<VmatTrackerOptions> options, TimeProvider time,
    ILogger<TrainingWorker> logger) : BackgroundService
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
                await TrainAsync(next.Run, next.Stop);
            }
        }
    }

    private async Task TrainAsync(QueuedRun run, CancellationToken stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                trainer.Train(run.RunId, run.Options, new RunLogObserver(logs, run.RunId, time), stop);
                done.SetResult();
            }
#pragma warning disable CA1031 // Whatever the trainer throws ends this run, never the worker.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"vmat-train-{run.RunId}",
        };
        thread.Start();
        string? failure = null;
        try
        {
            await done.Task;
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
            queue.Finish(run.RunId);
        }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId} threw")]
    private static partial void LogTrainerThrew(ILogger logger, long runId, Exception exception);
}
