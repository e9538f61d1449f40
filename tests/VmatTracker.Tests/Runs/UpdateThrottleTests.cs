using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VmatTracker.Runs.Live;

namespace VmatTracker.Tests.Runs;

/// <summary>
/// The throttle on a fake clock: only the fake clock's time moves the interval, so "ran at once" means it ran while
/// no fake time passed, whatever the machine's load.
/// </summary>
public sealed class UpdateThrottleTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Signal_NothingRanBefore_RunsWithoutWaitingForTheInterval()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var counter = new UpdateCounter();
        using var throttle = new UpdateThrottle(counter.UpdateAsync, s_interval, NullLogger.Instance, clock);

        // Act
        throttle.Signal();

        // Assert: the fake clock never moves in this test.
        await counter.WaitForAsync(1);
        Assert.Equal(1, counter.Runs);
    }

    [Fact]
    public async Task Signal_IntervalPassedSinceLastRun_RunsAtOnceAgain()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var counter = new UpdateCounter();
        using var throttle = new UpdateThrottle(counter.UpdateAsync, s_interval, NullLogger.Instance, clock);
        throttle.Signal();
        await counter.WaitForAsync(1);

        // Act: one epoch every interval and a bit, as a slow trainer sends them.
        clock.Advance(s_interval + TimeSpan.FromMilliseconds(1));
        throttle.Signal();

        // Assert
        await counter.WaitForAsync(2);
        Assert.Equal(2, counter.Runs);
    }

    [Fact]
    public async Task Signal_BurstDuringARun_OneTrailingRunAfterTheInterval()
    {
        // Arrange: the first update is held open, so the whole burst lands while it runs.
        var clock = new FakeTimeProvider();
        var counter = new UpdateCounter();
        var release = new TaskCompletionSource();
        counter.Hold = release.Task;
        using var throttle = new UpdateThrottle(counter.UpdateAsync, s_interval, NullLogger.Instance, clock);
        throttle.Signal();
        await counter.WaitForAsync(1);

        // Act
        for (var i = 0; i < 50; i++)
        {
            throttle.Signal();
        }

        counter.Hold = Task.CompletedTask;
        release.SetResult();

        // Assert: nothing more until the fake interval has passed, then exactly one run for the whole burst.
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(1, counter.Runs);
        await AdvanceUntilAsync(clock, counter, 2);
        clock.Advance(s_interval * 5);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(2, counter.Runs);
    }

    [Fact]
    public async Task Signal_AfterDispose_NeverRuns()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var counter = new UpdateCounter();
        var throttle = new UpdateThrottle(counter.UpdateAsync, s_interval, NullLogger.Instance, clock);
        throttle.Signal();
        await counter.WaitForAsync(1);

        // Act: a signal within the interval waits for it; the page goes away meanwhile.
        throttle.Signal();
        throttle.Dispose();
        clock.Advance(s_interval * 5);
        throttle.Signal();
        await Task.Delay(50, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(1, counter.Runs);
    }

    [Fact]
    public async Task Signal_UpdateThrows_LaterSignalsStillRun()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var counter = new UpdateCounter { FailFirst = true };
        using var throttle = new UpdateThrottle(counter.UpdateAsync, s_interval, NullLogger.Instance, clock);
        throttle.Signal();
        await counter.WaitForAsync(1);

        // Act
        throttle.Signal();

        // Assert
        await AdvanceUntilAsync(clock, counter, 2);
        Assert.Equal(2, counter.Runs);
    }

    // The delayed run registers its timer on the fake clock from a thread-pool thread; advancing before it has done so
    // would be lost, so advance in interval steps until the run happens (or the test's time runs out).
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, UpdateCounter counter, int runs)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (counter.Runs < runs && DateTime.UtcNow < deadline)
        {
            clock.Advance(s_interval);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await counter.WaitForAsync(runs);
    }

    private sealed class UpdateCounter
    {
        private int _runs;

        public Task Hold { get; set; } = Task.CompletedTask;

        public bool FailFirst { get; init; }

        public int Runs => Volatile.Read(ref _runs);

        public async Task UpdateAsync()
        {
            var run = Interlocked.Increment(ref _runs);
            await Hold;
            if (FailFirst && run == 1)
            {
                throw new InvalidOperationException("the circuit is gone");
            }
        }

        public async Task WaitForAsync(int runs)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Runs < runs && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }

            Assert.True(Runs >= runs, $"expected {runs} update(s) within 30 s, saw {Runs}");
        }
    }
}
