using System.Runtime.InteropServices;

namespace ActorBroker.Cli.Invocation;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into cancellation of <see cref="Token"/> instead of killing the process,
/// so a long-running command can clean up (close its channel, delete its queues) and choose its exit code.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _onInterrupt;
    private readonly PosixSignalRegistration _onTerminate;

    public StopSignals(CancellationToken invocationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
        _onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    /// <summary>Cancelled by the first signal (or by the invocation's own token).</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _onInterrupt.Dispose();
        _onTerminate.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        _stop.Cancel();
    }
}
