using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VmatTracker.Bench;

/// <summary>
/// What every benchmark shares: the machine line printed first (date, cores, OS, runtime, load average), and timing
/// that reports this process's CPU seconds (all threads) beside wall time, since on a shared machine CPU time depends
/// far less on the neighbours.
/// </summary>
internal static class Machine
{
    public static void Print()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
        Console.WriteLine($"load average: {load}");
    }

    /// <summary>Runs <paramref name="work"/>; returns its result with wall and CPU seconds.</summary>
    public static (T Result, double WallSeconds, double CpuSeconds) Measure<T>(Func<T> work)
    {
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        clock.Stop();
        self.Refresh();
        return (result, clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    /// <summary>Awaits <paramref name="work"/>; returns wall and CPU seconds.</summary>
    public static async Task<(double WallSeconds, double CpuSeconds)> MeasureAsync(Func<Task> work)
    {
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work().ConfigureAwait(false);
        clock.Stop();
        self.Refresh();
        return (clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
