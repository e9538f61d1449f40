using System.Diagnostics;
using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Bench;

/// <summary>
/// Times phantom generation (default 5 cases of 64x64x48 at 4 mm, after one untimed warm-up) and optionally the
/// Python prototype for a ratio. Options: --cases N, --shape YxXxZ, --spacing mm, --seed S, --no-python.
/// </summary>
internal static class PhantomBenchmark
{
    private const string Prototype = "/work/shared/reference/phantom_prototype.py";

    public static int Run(string[] args)
    {
        var cases = 5;
        var shape = new VolumeShape(64, 64, 48);
        var spacingMm = 4.0;
        var seed = 1;
        var python = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases": cases = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--spacing": spacingMm = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-python": python = false; break;
                case "--shape":
                    var parts = args[++i].Split('x').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                    shape = new VolumeShape(parts[0], parts[1], parts[2]);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        var options = new PhantomOptions { Shape = shape, Spacing = new VoxelSpacing(spacingMm, spacingMm, spacingMm), Seed = seed };
        Machine.Print();
        Console.WriteLine(Invariant($"command: VmatTracker.Bench phantom {string.Join(' ', args)}"));
        Console.WriteLine(Invariant($"grid {shape} at {spacingMm} mm, {cases} cases, seed {seed}, warm-up excluded"));

        // The warm-up case pays for JIT and first-touch allocation; it is generated from a seed outside the timed set.
        _ = PhantomGenerator.GenerateCase(cases, options);
        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        for (var i = 0; i < cases; i++)
        {
            var (volume, wall, cpu) = Machine.Measure(() => PhantomGenerator.GenerateCase(i, options));
            seconds.Add(wall);
            cpuSeconds.Add(cpu);
            Console.WriteLine(Invariant($"{volume.CaseId}: {wall:F3} s wall, {cpu:F3} s CPU  {PhantomReport.Summarise(volume)}"));
        }

        var mean = seconds.Average();
        Console.WriteLine(Invariant($"C#: mean {mean:F3} s/case wall (min {seconds.Min():F3}, max {seconds.Max():F3}), {cpuSeconds.Average():F3} s/case CPU"));
        if (python)
        {
            RunPrototype(Math.Min(cases, 3), mean);
        }

        return 0;
    }

    private static void RunPrototype(int cases, double csharpMean)
    {
        if (!File.Exists("/usr/bin/python3") || !File.Exists(Prototype))
        {
            Console.WriteLine("python prototype: skipped (python3 or the prototype is missing)");
            return;
        }

        var start = new ProcessStartInfo("/usr/bin/python3", [Prototype, "--cases", cases.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"python prototype: skipped (exit {process.ExitCode}: {error.Trim().Split('\n').LastOrDefault()})");
            return;
        }

        // The prototype prints "case i: 4.21s ..." per case.
        var times = output.Split('\n')
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].StartsWith("case", StringComparison.Ordinal))
            .Select(p => double.Parse(p[1].Trim().Split('s')[0], CultureInfo.InvariantCulture))
            .ToList();
        Console.Write(output);
        if (times.Count > 0)
        {
            Console.WriteLine(Invariant($"python prototype: mean {times.Average():F3} s/case over {times.Count}; ratio {times.Average() / csharpMean:F1}x"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
