using VmatTracker.Cli;

namespace VmatTracker.Tests.Cli;

/// <summary>Runs <c>vmat</c> in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = VmatCommandLine.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
