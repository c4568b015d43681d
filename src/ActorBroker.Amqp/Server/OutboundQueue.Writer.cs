using System.Buffers;
using System.IO.Pipelines;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Client;
using BrokerProperties = ActorBroker.Broker.Messages.BasicProperties;

namespace ActorBroker.Amqp.Server;

internal sealed partial class OutboundQueue
{
    // Fan-out and redelivery hand the same message to the writer again and again, and messages of one publisher
    // mostly carry equal properties (each publishing channel shares one object among them, PublishedProperties):
    // convert them once while they stay equal. Record equality compares headers by reference, so it never calls
    // two different tables equal.
    private BrokerProperties? _lastProperties;
    private BasicProperties? _lastWireProperties;

    /// <summary>
    /// Drains the queue into <paramref name="output"/> until <see cref="Complete"/> or a write failure, and
    /// returns every pooled buffer, also those still queued when it fails.
    /// </summary>
    public async Task RunWriterAsync(PipeWriter output)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        Write(output, frame, FrameMax);
                    }
                    finally
                    {
                        Release(frame);
                    }
                }

                Volatile.Write(ref _lastWriteTicks, Environment.TickCount64);
                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var left))
            {
                Release(left);
            }
        }
    }

    private void Write(PipeWriter output, in OutboundFrame frame, uint frameMax)
    {
        switch (frame.Kind)
        {
            case OutboundKind.Encoded:
                output.Write(frame.Buffer.AsSpan(0, frame.Length));
                break;
            case OutboundKind.Deliver:
                var delivery = (Delivery)frame.Item!;
                FrameWriter.WriteMethod(output, frame.Channel, new BasicDeliver
                {
                    ConsumerTag = delivery.ConsumerTag ?? string.Empty,
                    DeliveryTag = delivery.DeliveryTag,
                    Redelivered = delivery.Redelivered,
                    Exchange = delivery.Exchange,
                    RoutingKey = delivery.RoutingKey,
                });
                WriteContent(output, frame.Channel, delivery.Message, frameMax);
                break;
            case OutboundKind.GetOk:
                var got = (Delivery)frame.Item!;
                FrameWriter.WriteMethod(output, frame.Channel, new BasicGetOk
                {
                    DeliveryTag = got.DeliveryTag,
                    Redelivered = got.Redelivered,
                    Exchange = got.Exchange,
                    RoutingKey = got.RoutingKey,
                    MessageCount = (uint)frame.Number,
                });
                WriteContent(output, frame.Channel, got.Message, frameMax);
                break;
            case OutboundKind.Ack:
                FrameWriter.WriteMethod(output, frame.Channel, new BasicAck { DeliveryTag = frame.Number, Multiple = frame.Flag });
                break;
            case OutboundKind.Nack:
                FrameWriter.WriteMethod(output, frame.Channel, new BasicNack { DeliveryTag = frame.Number, Multiple = frame.Flag, Requeue = false });
                break;
            case OutboundKind.Return:
                var returned = (MessageReturnedEventArgs)frame.Item!;
                FrameWriter.WriteMethod(output, frame.Channel, new BasicReturn
                {
                    ReplyCode = (ushort)returned.ReplyCode,
                    ReplyText = returned.ReplyText,
                    Exchange = returned.Message.Exchange,
                    RoutingKey = returned.Message.RoutingKey,
                });
                WriteContent(output, frame.Channel, returned.Message, frameMax);
                break;
            case OutboundKind.Heartbeat:
                FrameWriter.WriteHeartbeat(output);
                break;
        }
    }

    private void WriteContent(PipeWriter output, ushort channel, Broker.Messages.Message message, uint frameMax)
    {
        if (!message.Properties.Equals(_lastProperties))
        {
            _lastWireProperties = MessageConversion.ToWire(message.Properties);
            _lastProperties = message.Properties;
        }

        var body = message.Body.Span;
        FrameWriter.WriteContentHeader(output, channel, (ulong)body.Length, _lastWireProperties);
        FrameWriter.WriteBody(output, channel, body, frameMax);
    }
}
