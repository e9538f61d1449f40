using System.Runtime.InteropServices;

namespace VmatTracker.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancellation of <see cref="Token"/>, so a training command stops
/// after the current batch and records its run as Cancelled, instead of the runtime ending the process at once (which
/// left recorded runs Running). A second signal gets the default action: the process exits immediately.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;
    private string? _reason;

    /// <summary>Listens for SIGINT and SIGTERM until disposed; <see cref="Token"/> also follows <paramref name="outer"/>.</summary>
    public SignalCancellation(TextWriter error, CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _error = error;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, Handle));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every platform can deliver SIGTERM; that signal then keeps its default action.
            }
        }
    }

    /// <summary>Cancelled by the first signal (or by the outer token).</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>"interrupted by SIGINT" (or SIGTERM) once a signal has arrived; otherwise null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>The conventional exit code of a process ended by the signal: 128 + its number (130 for SIGINT, 143 for
    /// SIGTERM); 130 when cancelled without a signal.</summary>
    public int ExitCode { get; private set; } = 130;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // The second signal: let the runtime end the process now.
            context.Cancel = false;
            return;
        }

        context.Cancel = true;
        var name = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        ExitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        Volatile.Write(ref _reason, $"interrupted by {name}");
        _error.WriteLine($"{name} received: stopping after the current batch and recording the run as cancelled (send it again to exit at once)");
        _source.Cancel();
    }
}
