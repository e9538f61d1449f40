using System.Globalization;
using System.Runtime.InteropServices;

namespace VmatTracker.Bench;

/// <summary>The machine line every benchmark prints first: date, cores, OS, runtime and load average.</summary>
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
}
