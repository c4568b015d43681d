using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Broker.Streams;

internal sealed partial class StreamActor
{
    // About how many messages one journal read brings back for one consumer: a full chunk.
    private const int ReadBatch = StreamChunkWriter.MaxMessages;

    private static readonly TimeSpan s_readRetry = TimeSpan.FromSeconds(1);

    private readonly Dictionary<long, StreamConsumer> _consumers = [];
    private readonly Dictionary<ulong, (StreamConsumer Consumer, long Offset)> _outstanding = [];
    private readonly Dictionary<IActorRef, long> _channels = [];
    private readonly List<ulong> _settled = [];
    private long _lastConsumerId;
    private ulong _lastTag;
    private long _delivered;
    private long _acked;

    private bool ReceiveConsumers(object message)
    {
        switch (message)
        {
            case QueueProtocol.Consume consume:
                Consume(consume);
                break;
            case QueueProtocol.Cancel cancel:
                var consumer = FindConsumer(cancel.ConsumerTag);
                if (consumer is not null)
                {
                    _consumers.Remove(consumer.Id);
                    Leave(consumer);
                }

                Sender.Tell(new Status.Success(consumer is not null));
                break;
            case QueueProtocol.Ack ack:
                Settle(ack.ChannelId, ack.DeliveryTag, ack.Multiple);
                break;
            // A stream keeps every message: a nack or reject (requeue or not) and a dead-lettering consumer only
            // return the consumer's credit, as in RabbitMQ.
            case QueueProtocol.Nack nack:
                Settle(nack.ChannelId, nack.DeliveryTag, nack.Multiple);
                break;
            case QueueProtocol.DeadLetterDelivery dead:
                Settle(dead.ChannelId, dead.DeliveryTag, multiple: false);
                break;
            case QueueProtocol.Recover recover:
                Settle(recover.ChannelId, 0, multiple: true);
                break;
            case QueueProtocol.Resume:
                DeliverAll();
                break;
            case StreamProtocol.RangeRead read:
                OnRead(read);
                break;
            case StreamProtocol.RangeReadFailed failed:
                OnReadFailed(failed);
                break;
            case Terminated terminated when _channels.TryGetValue(terminated.ActorRef, out var channelId):
                // Behind the acks the channel sent before it stopped, which are already in the mailbox.
                Self.Tell(new QueueProtocol.ChannelClosed(channelId, terminated.ActorRef));
                break;
            case QueueProtocol.ChannelClosed closed:
                CloseChannel(closed.ChannelId, closed.Channel);
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>Refuses what RabbitMQ 3.10 refuses on a stream, with its codes and words; else starts at the consumer's offset.</summary>
    private void Consume(QueueProtocol.Consume consume)
    {
        var spec = consume.Spec;
        try
        {
            if (spec.AutoAck)
            {
                throw BrokerException.NotImplemented($"automatic acknowledgement not supported by stream queues {Resource}");
            }

            if (spec.Exclusive)
            {
                throw BrokerException.NotImplemented($"exclusive consume not supported by stream queues {Resource}");
            }

            if (spec.Prefetch == 0 && consume.Window is null)
            {
                throw BrokerException.PreconditionFailed($"consumer prefetch count is not set for '{Resource}'");
            }

            var groupName = GroupOf(spec);
            if (groupName is not null && !GroupOffsetsReady())
            {
                // Taken again once the groups' committed offsets are recovered.
                Stash.Stash();
                return;
            }

            var start = StreamStart.Parse(spec.Arguments, _host.Clock.GetUtcNow());
            var (offset, notBefore) = start switch
            {
                StreamStart.FirstStart => (_index.FirstOffset, (DateTimeOffset?)null),
                StreamStart.LastStart => (Math.Max(_index.FirstOffset, _index.NextOffset - 1), null),
                StreamStart.AtOffset at => (Math.Clamp(at.Offset, _index.FirstOffset, _index.NextOffset), null),
                StreamStart.AtTime at => (_index.OffsetToSearchFrom(at.Time), at.Time),
                _ => (_index.NextOffset, null),
            };
            var group = groupName is null ? null : Group(groupName);
            var consumer = new StreamConsumer(++_lastConsumerId, spec, consume.Channel, consume.Window, offset, notBefore) { Group = group };
            _consumers.Add(consumer.Id, consumer);
            if (_channels.TryAdd(consume.Channel, spec.ChannelId))
            {
                Context.Watch(consume.Channel);
            }

            Sender.Tell(new Status.Success(spec.Tag));
            if (group is not null)
            {
                Join(group, consumer, explicitStart: spec.Arguments?.ContainsKey(StreamStart.Argument) == true);
            }
            else
            {
                Deliver(consumer);
            }
        }
        catch (BrokerException error)
        {
            Sender.Tell(new Status.Failure(error));
        }
    }

    private StreamConsumer? FindConsumer(string tag)
    {
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.Spec.Tag == tag)
            {
                return consumer;
            }
        }

        return null;
    }

    /// <summary>Settles one delivery of a channel, or with <paramref name="multiple"/> all up to the tag (0: all).</summary>
    private void Settle(long channelId, ulong tag, bool multiple)
    {
        _settled.Clear();
        if (!multiple)
        {
            _settled.Add(tag);
        }
        else
        {
            foreach (var (outstandingTag, (consumer, _)) in _outstanding)
            {
                if (consumer.Spec.ChannelId == channelId && (tag == 0 || outstandingTag <= tag))
                {
                    _settled.Add(outstandingTag);
                }
            }
        }

        foreach (var settled in _settled)
        {
            if (_outstanding.Remove(settled, out var delivery))
            {
                delivery.Consumer.Unacked--;
                delivery.Consumer.Window?.Release();
                _acked++;
                Settled(delivery.Consumer, delivery.Offset);
            }
        }

        DeliverAll();
    }

    private void CloseChannel(long channelId, IActorRef channel)
    {
        if (!_channels.Remove(channel))
        {
            return;
        }

        foreach (var tag in _outstanding.Where(o => o.Value.Consumer.Spec.ChannelId == channelId).Select(o => o.Key).ToList())
        {
            _outstanding.Remove(tag);
        }

        // Its unacked deliveries are gone with it: a group's next active member gets them again.
        foreach (var consumer in _consumers.Values.Where(c => c.Spec.ChannelId == channelId).ToList())
        {
            _consumers.Remove(consumer.Id);
            consumer.Unacked = 0;
            Leave(consumer);
        }
    }

    private void DeliverAll()
    {
        foreach (var consumer in _consumers.Values)
        {
            Deliver(consumer);
        }
    }

    /// <summary>Sends the consumer what it has credit for: from the tail in memory, from its read-ahead, or asks the journal for the next range.</summary>
    private void Deliver(StreamConsumer consumer)
    {
        if (consumer.Group is { } ownGroup && !IsReceiving(ownGroup, consumer))
        {
            return;
        }

        while (consumer.NextOffset < _index.NextOffset && consumer.HasOwnCredit)
        {
            if (consumer.NextOffset < _index.FirstOffset)
            {
                // Retention dropped what it was about to read: it goes on from the oldest kept.
                consumer.NextOffset = _index.FirstOffset;
                continue;
            }

            if (!TryNext(consumer, out var offset, out var chunk))
            {
                RequestRead(consumer);
                return;
            }

            if (consumer.NotBefore is { } notBefore)
            {
                if (chunk.Timestamp < notBefore)
                {
                    consumer.NextOffset = chunk.EndOffset;
                    continue;
                }

                consumer.NotBefore = null;
            }

            if (consumer.Group is { } group && group.IsAcked(offset))
            {
                // Acknowledged by another member before it took over: never again.
                consumer.NextOffset = offset + 1;
                continue;
            }

            if (consumer.Window is { } window && !window.TryAcquire())
            {
                return;
            }

            consumer.NextOffset = offset + 1;
            consumer.Unacked++;
            _outstanding.Add(++_lastTag, (consumer, offset));
            _delivered++;
            var message = StreamProtocol.WithOffset(chunk.Messages[offset - chunk.FirstOffset], offset);
            consumer.Channel.Tell(new MessageDelivered(offset, _lastTag, consumer.Spec.ChannelId, consumer.Spec.Tag, AutoAck: false, message, DeliveryCount(consumer, offset)), Self);
        }
    }

    /// <summary>The consumer's next offset and its chunk, or the next one after a gap in what was written or read for it.</summary>
    private bool TryNext(StreamConsumer consumer, out long offset, out StreamChunk chunk)
    {
        var ahead = consumer.ReadAhead;
        while (ahead.Chunks > 0 && ahead.First.EndOffset <= consumer.NextOffset)
        {
            ahead.RemoveFirst();
        }

        if (TryTail(consumer.NextOffset, out chunk) || ahead.TryFind(consumer.NextOffset, out chunk))
        {
            offset = Math.Max(consumer.NextOffset, chunk.FirstOffset);
            return true;
        }

        offset = consumer.NextOffset;
        return false;
    }

    /// <summary>Reads about <see cref="ReadBatch"/> messages from the consumer's offset: on from where its last read ended, else from the index's nearest mark.</summary>
    private void RequestRead(StreamConsumer consumer)
    {
        if (consumer.ReadInFlight)
        {
            return;
        }

        consumer.ReadInFlight = true;
        var (from, events) = consumer.ReadEnd is { } end && end.Offset == consumer.NextOffset
            ? (end.SequenceNr, _index.EventsToRead(end.SequenceNr, ReadBatch))
            : _index.ReadFrom(consumer.NextOffset, ReadBatch);
        var to = Math.Min(from + events - 1, _index.LastSequenceNr);
        var id = consumer.Id;
        JournalRangeReader.ReadAsync(Context.System, _persistenceId, from, to, _options.OperationTimeout).PipeTo(
            Self,
            success: events => new StreamProtocol.RangeRead(id, [.. events.Select(e => e.Payload).OfType<StreamChunk>()], to),
            failure: cause => new StreamProtocol.RangeReadFailed(id, cause));
    }

    private void OnRead(StreamProtocol.RangeRead read)
    {
        if (!_consumers.TryGetValue(read.ConsumerId, out var consumer))
        {
            return;
        }

        consumer.ReadInFlight = false;
        var added = consumer.ReadAhead.Chunks;
        foreach (var chunk in read.Chunks)
        {
            if (chunk.EndOffset > consumer.NextOffset)
            {
                consumer.ReadAhead.Add(chunk);
            }
        }

        // A read from a mark may end before the consumer's offset: the next one goes on from there.
        consumer.ReadEnd = (Math.Max(consumer.NextOffset, read.Chunks.Count > 0 ? read.Chunks[^1].EndOffset : 0), read.To + 1);
        if (consumer.ReadAhead.Chunks == added && read.To >= _index.LastSequenceNr)
        {
            // Nothing up to the journal's end holds its offset (retention deleted it, or the journal quarantined
            // its row): it goes on with what is in memory.
            consumer.NextOffset = Math.Max(consumer.NextOffset, _tail.Chunks > 0 ? _tail.First.FirstOffset : _index.NextOffset);
        }

        Deliver(consumer);
    }

    private void OnReadFailed(StreamProtocol.RangeReadFailed failed)
    {
        if (_consumers.TryGetValue(failed.ConsumerId, out var consumer))
        {
            Context.GetLogger().Warning("Stream {0} could not read its journal for consumer {1} (trying again): {2}", _name, consumer.Spec.Tag, failed.Cause.Message);
            consumer.ReadInFlight = false;
            Timers.StartSingleTimer(failed, QueueProtocol.Resume.Instance, s_readRetry);
        }
    }

    protected override void PostStop()
    {
        foreach (var group in _groups.Values)
        {
            Metrics.BrokerMetrics.Untrack(group.Metrics);
        }

        foreach (var consumer in _consumers.Values)
        {
            consumer.Channel.Tell(new Channels.ChannelProtocol.ConsumerCancelled(consumer.Spec.Tag, _name));
        }

        base.PostStop();
    }
}
