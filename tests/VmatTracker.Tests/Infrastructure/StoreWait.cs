using VmatTracker.Data;
using VmatTracker.Data.Queries;

namespace VmatTracker.Tests.Infrastructure;

internal static class StoreWait
{
    /// <summary>Waits until run <paramref name="runId"/> has <paramref name="status"/> (fails after the timeout with the
    /// status it had).</summary>
    public static async Task UntilStatusAsync(RunQueries queries, long runId, RunStatus status, TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        RunStatus? seen = null;
        try
        {
            while ((seen = (await queries.GetAsync(runId, limit.Token))?.Summary.Status) != status)
            {
                await Task.Delay(50, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"run {runId} did not become {status} within {timeout.TotalSeconds} s; it is {seen}");
        }
    }
}
