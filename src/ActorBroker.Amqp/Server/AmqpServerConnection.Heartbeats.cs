namespace ActorBroker.Amqp.Server;

public sealed partial class AmqpServerConnection
{
    private Timer? _heartbeats;

    // Checked at twice the heartbeat rate: a heartbeat goes out when the writer was idle for an interval, and a
    // client silent for two intervals is taken for dead (AMQP 0-9-1 §4.2.7).
    private void StartHeartbeats(ushort seconds)
    {
        if (seconds == 0)
        {
            return;
        }

        var intervalMs = seconds * 1000L;
        var period = TimeSpan.FromMilliseconds(intervalMs / 2);
        _heartbeats = new Timer(_ => Beat(intervalMs), null, period, period);
    }

    private void Beat(long intervalMs)
    {
        var now = Environment.TickCount64;
        if (_blocking is { IsWaiting: true })
        {
            // Held back by a resource alarm, the connection reads nothing, heartbeats included (RabbitMQ too).
            Volatile.Write(ref _lastReadTicks, now);
        }

        if (now - Volatile.Read(ref _lastReadTicks) > 2 * intervalMs)
        {
            _heartbeatMissed = true;
            _transport.Input.CancelPendingRead();
            return;
        }

        if (now - _outbound.LastWriteTicks >= intervalMs / 2)
        {
            _outbound.Post(new OutboundFrame(OutboundKind.Heartbeat, 0));
        }
    }
}
