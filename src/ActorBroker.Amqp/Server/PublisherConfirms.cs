using ActorBroker.Broker.Confirms;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// Publisher confirms of one channel in confirm mode: numbers publishes 1, 2, … and tells the publisher when
/// each is settled. Acks are coalesced: an ack is sent only when it settles the lowest outstanding tag, as one
/// basic.ack with multiple = true covering every tag settled meanwhile; a nack is sent at once, alone.
/// </summary>
internal sealed class PublisherConfirms(ushort channel, OutboundQueue outbound) : IPublishConfirmListener
{
    private readonly Lock _lock = new();
    private readonly SortedSet<ulong> _settledAhead = [];
    private ulong _lastTag;
    private ulong _lowestOutstanding = 1;
    private bool _stopped;

    /// <summary>The tag of the next publish.</summary>
    public ulong Next() => ++_lastTag;

    /// <summary>
    /// The channel is closing: confirms that settle from now on are not sent. The client gives up on them when it
    /// closes, and after close-ok the channel number is free, so a late basic.ack would reach a channel that no longer
    /// exists (RabbitMQ.Client then closes the whole connection with 541) or one reopened under that number.
    /// </summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
        }
    }

    /// <summary>The broker decided the publish numbered <paramref name="tag"/>; publishes may be decided out of order.</summary>
    public void Confirmed(ulong tag, bool accepted)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            if (!accepted)
            {
                outbound.Post(new OutboundFrame(OutboundKind.Nack, channel, Number: tag));
            }

            if (tag != _lowestOutstanding)
            {
                _settledAhead.Add(tag);
                return;
            }

            var upTo = tag;
            while (_settledAhead.Count > 0 && _settledAhead.Min == upTo + 1)
            {
                upTo = _settledAhead.Min;
                _settledAhead.Remove(upTo);
            }

            _lowestOutstanding = upTo + 1;
            if (accepted || upTo != tag)
            {
                outbound.Post(new OutboundFrame(OutboundKind.Ack, channel, Number: upTo, Flag: upTo != tag));
            }
        }
    }
}
