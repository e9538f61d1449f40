using VmatTracker.Cli;

return VmatCommandLine.Run(args, Console.Out, Console.Error);
