namespace VmatTracker.Cli;

/// <summary>The <c>vmat</c> entry point (a named class, so tests can reference this project and the web one).</summary>
public static class VmatProgram
{
    /// <summary>Runs the command line against the console.</summary>
    public static int Main(string[] args) => VmatCommandLine.Run(args, Console.Out, Console.Error);
}
