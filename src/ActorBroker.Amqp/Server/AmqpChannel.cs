using System.Buffers;
using System.Globalization;
using ActorBroker.Amqp.Commands;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// One open AMQP channel: assembles its frames into commands and carries each out on a broker channel; the
/// broker's deliveries, returns and confirms go back out through the connection's outbound queue. Driven by
/// the connection's reader loop, one command at a time: a command that must wait for the broker returns a
/// task, and the reader awaits it before reading on, so replies keep the order of the requests.
/// </summary>
internal sealed partial class AmqpChannel
{
    private readonly CommandAssembler _assembler;
    private readonly OutboundQueue _outbound;
    private readonly BrokerChannel _broker;
    private readonly bool _notifyCancel;
    private readonly PublisherBlocking _blocking;
    private readonly ResourceGuard _guard;
    private AmqpMethodId _currentMethod;

    // Set by the reader loop or, when the broker closes the channel, by the channel's actor: 1 once closing.
    private int _closing;

    public AmqpChannel(ushort number, BrokerChannel broker, OutboundQueue outbound, ulong maxBodySize, bool notifyConsumerCancel, PublisherBlocking blocking, ResourceGuard guard)
    {
        _guard = guard;
        _blocking = blocking;
        Number = number;
        _broker = broker;
        _outbound = outbound;
        _assembler = new CommandAssembler(maxBodySize);
        _notifyCancel = notifyConsumerCancel;
        _broker.MessageReturned += OnMessageReturned;
        _broker.ConsumerCancelled += OnConsumerCancelled;
        _broker.Closed += OnBrokerClosed;
    }

    public ushort Number { get; }

    /// <summary>True once the channel is closed on both sides and must be forgotten by the connection.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>The method being handled, for the failing class and method ids of a close.</summary>
    public AmqpMethodId CurrentMethod => _currentMethod;

    /// <summary>Takes one frame; returns a task when the command it completes waits for the broker.</summary>
    public Task? Handle(in Frame frame)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return HandleWhileClosing(frame);
        }

        if (!_assembler.TryAssemble(frame, out var command))
        {
            return null;
        }

        _currentMethod = command.MethodId;
        return Dispatch(command);
    }

    /// <summary>
    /// Closes this channel from the server side after a channel error: channel.close goes out and every
    /// frame but the client's close-ok (or close) is ignored until it comes. Safe to call from any thread.
    /// </summary>
    public void Fail(AmqpProtocolException error)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _confirms?.Stop();
        _outbound.PostMethod(Number, new ChannelClose
        {
            ReplyCode = (ushort)error.ReplyCode,
            ReplyText = error.ReplyText,
            FailingClassId = AmqpMethods.ClassIdOf(_currentMethod),
            FailingMethodId = AmqpMethods.MethodIdOf(_currentMethod),
        });
    }

    /// <summary>Ends the broker side: unacked deliveries go back to their queues, consumers end.</summary>
    public async Task ReleaseAsync()
    {
        _broker.MessageReturned -= OnMessageReturned;
        _broker.ConsumerCancelled -= OnConsumerCancelled;
        _broker.Closed -= OnBrokerClosed;
        await _broker.CloseAsync().ConfigureAwait(false);
    }

    private Task? Dispatch(in AssembledCommand command)
    {
        var args = command.Arguments;
        switch (command.MethodId)
        {
            case AmqpMethodId.ChannelClose:
                return CloseAsync();
            case AmqpMethodId.ChannelFlow:
                // As RabbitMQ: a client may not pause deliveries with flow; basic.qos is the way to limit them.
                if (!ChannelFlow.Read(args).Active)
                {
                    throw new AmqpProtocolException(ReplyCode.NotImplemented, "channel.flow active=false is not supported; limit deliveries with basic.qos");
                }

                _outbound.PostMethod(Number, new ChannelFlowOk { Active = true });
                return null;
            case AmqpMethodId.ChannelOpen:
                throw new AmqpProtocolException(ReplyCode.ChannelError, string.Create(CultureInfo.InvariantCulture, $"second 'channel.open' seen on channel {Number}"));
            case AmqpMethodId.AccessRequest:
                _outbound.PostMethod(Number, new AccessRequestOk { Ticket = 1 });
                return null;
            case AmqpMethodId.BasicPublish:
                return Publish(BasicPublish.Read(args), command.Header, command.Body);
            case AmqpMethodId.BasicAck:
                var ack = BasicAck.Read(args);
                Settle(new Settlement(SettlementKind.Ack, ack.DeliveryTag, ack.Multiple, Requeue: false));
                return null;
            case AmqpMethodId.BasicNack:
                var nack = BasicNack.Read(args);
                Settle(new Settlement(SettlementKind.Nack, nack.DeliveryTag, nack.Multiple, nack.Requeue));
                return null;
            case AmqpMethodId.BasicReject:
                var reject = BasicReject.Read(args);
                Settle(new Settlement(SettlementKind.Nack, reject.DeliveryTag, Multiple: false, reject.Requeue));
                return null;
            default:
                return DispatchTopologyOrConsuming(command.MethodId, args);
        }
    }

    private Task? DispatchTopologyOrConsuming(AmqpMethodId id, ReadOnlySpan<byte> args) => id switch
    {
        AmqpMethodId.ExchangeDeclare => DeclareExchangeAsync(ExchangeDeclare.Read(args)),
        AmqpMethodId.ExchangeDelete => DeleteExchangeAsync(ExchangeDelete.Read(args)),
        AmqpMethodId.ExchangeBind => BindExchangeAsync(ExchangeBind.Read(args)),
        AmqpMethodId.ExchangeUnbind => UnbindExchangeAsync(ExchangeUnbind.Read(args)),
        AmqpMethodId.QueueDeclare => DeclareQueueAsync(QueueDeclare.Read(args)),
        AmqpMethodId.QueueBind => BindQueueAsync(QueueBind.Read(args)),
        AmqpMethodId.QueueUnbind => UnbindQueueAsync(QueueUnbind.Read(args)),
        AmqpMethodId.QueuePurge => PurgeQueueAsync(QueuePurge.Read(args)),
        AmqpMethodId.QueueDelete => DeleteQueueAsync(QueueDelete.Read(args)),
        AmqpMethodId.BasicQos => Qos(BasicQos.Read(args)),
        AmqpMethodId.BasicConsume => ConsumeAsync(BasicConsume.Read(args)),
        AmqpMethodId.BasicCancel => CancelAsync(BasicCancel.Read(args)),
        AmqpMethodId.BasicGet => GetAsync(BasicGet.Read(args)),
        AmqpMethodId.BasicRecover => Recover(reply: true),
        AmqpMethodId.BasicRecoverAsync => Recover(reply: false),
        AmqpMethodId.ConfirmSelect => SelectConfirms(ConfirmSelect.Read(args)),
        AmqpMethodId.TxSelect => SelectTx(),
        AmqpMethodId.TxCommit => CommitAsync(),
        AmqpMethodId.TxRollback => Rollback(),
        _ => throw Unsupported(id),
    };

    private static AmqpProtocolException Unsupported(AmqpMethodId id) => AmqpMethods.GetName(id) is null
        ? new AmqpProtocolException(ReplyCode.NotImplemented, $"unknown method {AmqpMethods.Describe(id)}")
        : new AmqpProtocolException(ReplyCode.CommandInvalid, $"{AmqpMethods.Describe(id)} is not a method a client may send");

    private async Task CloseAsync()
    {
        Volatile.Write(ref _closing, 1);
        _confirms?.Stop();
        await ReleaseAsync().ConfigureAwait(false);
        _outbound.PostMethod(Number, default(ChannelCloseOk));
        IsFinished = true;
    }

    private Task? HandleWhileClosing(in Frame frame)
    {
        if (frame.Type != FrameType.Method || frame.Payload.Length < AmqpMethods.IdSize)
        {
            return null;
        }

        Span<byte> id = stackalloc byte[AmqpMethods.IdSize];
        frame.Payload.Slice(0, AmqpMethods.IdSize).CopyTo(id);
        return AmqpMethods.ReadId(id) switch
        {
            AmqpMethodId.ChannelCloseOk => FinishClosingAsync(),
            AmqpMethodId.ChannelClose => CloseAsync(),
            _ => null,
        };
    }

    private async Task FinishClosingAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        IsFinished = true;
    }

    // The broker closed the channel on its own (say, a second ack of one tag): the client hears it now,
    // not on its next command. The failing method is the last one handled, the settlement that caused it.
    private void OnBrokerClosed(object? sender, ChannelClosedEventArgs e) => Fail(AmqpErrors.Translate(e.Reason));

    private void OnMessageReturned(object? sender, MessageReturnedEventArgs e) =>
        _outbound.Post(new OutboundFrame(OutboundKind.Return, Number, e));
}
