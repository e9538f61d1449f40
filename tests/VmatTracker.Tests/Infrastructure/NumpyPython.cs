using System.Diagnostics;

namespace VmatTracker.Tests.Infrastructure;

/// <summary>
/// Runs Python scripts with numpy, so interop fixtures are made by numpy at test time (no binaries in the repo).
/// Looks for a python that imports numpy: $VMAT_PYTHON, /usr/bin/python3, then python3 on PATH. Without one the test
/// is skipped locally and fails under CI (CI=true), where a missing numpy means a broken machine, not a choice.
/// </summary>
internal static class NumpyPython
{
    private const string Missing =
        "This test needs a python3 with numpy (apt-get install python3-numpy, or point VMAT_PYTHON at one)";

    private static readonly Lazy<string?> s_python = new(Find);

    /// <summary>The python to use; skips (or fails under CI) when there is none.</summary>
    public static string Require()
    {
        if (s_python.Value is { } python)
        {
            return python;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Missing + "; CI must provide it.");
        }

        Assert.Skip(Missing + ".");
        return "";
    }

    /// <summary>
    /// Like <see cref="Require"/>, and also needs <paramref name="module"/> (e.g. scipy) importable by that python:
    /// skipped locally without it, failed under CI, which installs it.
    /// </summary>
    public static string RequireModule(string module)
    {
        var python = Require();
        if (Execute(python, ["-c", $"import {module}"], TimeSpan.FromSeconds(60)).ExitCode == 0)
        {
            return python;
        }

        var message = $"This test needs {module} in {python} (apt-get install python3-{module})";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + "; CI must provide it.");
        }

        Assert.Skip(message + ".");
        return python;
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/>; returns stdout, failing the test on a non-zero exit.</summary>
    public static string Run(string script, params string[] args)
    {
        var python = Require();
        var scriptFile = Path.Combine(Path.GetTempPath(), $"vmat-numpy-{Guid.NewGuid():N}.py");
        File.WriteAllText(scriptFile, script);
        try
        {
            var (exitCode, stdout, stderr) = Execute(python, [scriptFile, .. args], TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, $"python script failed with exit code {exitCode}:\n{stderr}\n{stdout}");
            return stdout;
        }
        finally
        {
            File.Delete(scriptFile);
        }
    }

    private static string? Find() =>
        FindPython([Environment.GetEnvironmentVariable("VMAT_PYTHON"), "/usr/bin/python3", "python3"]);

    /// <summary>The first candidate that runs and imports numpy, or null.</summary>
    internal static string? FindPython(IEnumerable<string?> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            try
            {
                if (Execute(candidate, ["-c", "import numpy"], TimeSpan.FromSeconds(60)).ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next.
            }
        }

        return null;
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"timed out after {timeout}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
