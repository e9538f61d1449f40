namespace VmatTracker.Engine;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the calling thread, in order. (<see cref="Progress{T}"/> posts to
/// the thread pool, so reports can arrive late and out of order, after the work has finished.)
/// </summary>
/// <param name="report">What to do with each report.</param>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
