using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// One connection's side of the <see cref="PublishGate"/>: a publish that meets a blocked gate waits here, and
/// since the reader loop awaits it, the connection reads nothing more from its client meanwhile (RabbitMQ's
/// way of holding back a publisher: TCP back-pressure does the rest).
/// </summary>
internal sealed class PublisherBlocking(PublishGate gate, OutboundQueue outbound, bool notifyClient, Task shuttingDown)
{
    private volatile bool _waiting;

    public bool IsBlocked => gate.IsBlocked;

    /// <summary>True while a publish waits: the client's silence is then ours, not a missed heartbeat.</summary>
    public bool IsWaiting => _waiting;

    /// <summary>Waits until the gate opens (true) or the connection is shut down (false: drop the publish).</summary>
    public async Task<bool> WaitUntilOpenAsync()
    {
        var (opened, reason) = gate.Snapshot();
        if (opened.IsCompleted)
        {
            return true;
        }

        if (notifyClient)
        {
            outbound.PostMethod(0, new ConnectionBlocked { Reason = reason });
        }

        _waiting = true;
        bool open;
        try
        {
            open = await Task.WhenAny(opened, shuttingDown).ConfigureAwait(false) == opened;
        }
        finally
        {
            _waiting = false;
        }

        if (open && notifyClient)
        {
            outbound.PostMethod(0, new ConnectionUnblocked());
        }

        return open;
    }
}
