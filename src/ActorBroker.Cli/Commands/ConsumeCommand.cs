using System.CommandLine;
using System.CommandLine.Parsing;
using ActorBroker.Cli.Amqp;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>actorbroker consume QUEUE</c>: subscribes over AMQP and prints each delivery until Ctrl-C or <c>--count</c>.
/// Acknowledgements are always manual on the wire, so deliveries beyond <c>--count</c> are never lost: they go
/// back to the queue when the channel closes.
/// </summary>
internal static class ConsumeCommand
{
    private enum AckMode
    {
        Auto,
        Manual,
        Requeue,
    }

    public static Command Create()
    {
        var queue = new Argument<string>("QUEUE") { Description = "The queue to consume from" };
        var url = new Option<Uri>("--amqp-url")
        {
            Description = "The broker's AMQP URL [env: ACTORBROKER_AMQP_URL, default: amqp://guest:guest@127.0.0.1:5672/]",
            CustomParser = ParseUrl,
        };
        var ack = new Option<AckMode>("--ack")
        {
            Description = "auto: acknowledged as it arrives (at most once); manual: acknowledged once printed (at least once); requeue: left unacknowledged and returned to the queue at exit",
            DefaultValueFactory = _ => AckMode.Manual,
        };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many messages (default: until Ctrl-C)" }.MustBePositive();
        var prefetch = new Option<int>("--prefetch") { Description = "Unacknowledged deliveries in flight (1 to 65535)", DefaultValueFactory = _ => 100 }.MustBeBetween(1, ushort.MaxValue);
        var output = OutputOption.Create();
        var command = new Command("consume", "Print messages from a queue as they arrive (one line each, or one JSON object per line) until Ctrl-C or --count")
        {
            queue, url, ack, count, prefetch, output,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var cli = CommandRunner.OutputFor(parseResult, output);
            return CommandRunner.RunAsync(cli, () => null, () =>
            {
                var broker = parseResult.GetValue(url) ?? DefaultUrl();
                var settings = new Subscription(parseResult.GetValue(queue)!, parseResult.GetValue(ack), parseResult.GetValue(count), parseResult.GetValue(prefetch));
                return RunAsync(broker, settings, cli, cancellationToken);
            });
        });
        return command;
    }

    private sealed record Subscription(string Queue, AckMode Ack, int? Count, int Prefetch);

    private static async Task<int> RunAsync(Uri url, Subscription subscription, CliOutput output, CancellationToken invocationToken)
    {
        using var stop = new StopSignals(invocationToken);
        var connection = await BrokerConnector.ConnectAsync(url, "actorbroker-consume", stop.Token).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: stop.Token).ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                // Never more in flight than still wanted, so a --count run leaves the rest where it was.
                var prefetch = (ushort)Math.Min(subscription.Prefetch, subscription.Count ?? int.MaxValue);
                await channel.BasicQosAsync(0, prefetch, global: false, stop.Token).ConfigureAwait(false);
                var printer = new DeliveryPrinter(channel, subscription, output);
                try
                {
                    await channel.BasicConsumeAsync(subscription.Queue, autoAck: false, printer.Consumer, stop.Token).ConfigureAwait(false);
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason is { } reason)
                {
                    throw new BrokerConnectionException(Describe(reason, subscription.Queue), ExitCodeOf(reason.ReplyCode), e);
                }
                await printer.WaitUntilFinishedAsync(stop.Token).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }
    }

    private static string Describe(ShutdownEventArgs reason, string queue) => reason.ReplyCode switch
    {
        404 => $"not found: {reason.ReplyText}",
        _ => $"the broker refused to let this consume from '{queue}': {reason.ReplyCode} {reason.ReplyText}",
    };

    private static int ExitCodeOf(ushort replyCode) => replyCode switch
    {
        404 => ExitCodes.NotFound,
        403 => ExitCodes.AccessRefused,
        405 or 406 => ExitCodes.Conflict,
        _ => ExitCodes.Failure,
    };

    /// <summary>Prints and settles deliveries one at a time (the client dispatches them in order on one task).</summary>
    private sealed class DeliveryPrinter
    {
        private readonly IChannel _channel;
        private readonly Subscription _subscription;
        private readonly CliOutput _output;
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private Task _handling = Task.CompletedTask;
        private bool _finished;
        private long _printed;

        public DeliveryPrinter(IChannel channel, Subscription subscription, CliOutput output)
        {
            _channel = channel;
            _subscription = subscription;
            _output = output;
            Consumer = new AsyncEventingBasicConsumer(channel);
            Consumer.ReceivedAsync += OnDelivery;
            Consumer.ShutdownAsync += (_, reason) =>
            {
                if (reason.Initiator != ShutdownInitiator.Application)
                    _closed.TrySetException(new BrokerConnectionException($"the broker closed the subscription: {reason.ReplyCode} {reason.ReplyText}", ExitCodes.Failure));
                return Task.CompletedTask;
            };
        }

        public AsyncEventingBasicConsumer Consumer { get; }

        /// <summary>Completes at Ctrl-C or once --count messages are printed; throws if the broker ends the subscription.</summary>
        public async Task WaitUntilFinishedAsync(CancellationToken stopped)
        {
            try
            {
                await _closed.Task.WaitAsync(stopped).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                // Ctrl-C is how a consume normally ends.
            }
            finally
            {
                await FinishHandlingAsync().ConfigureAwait(false);
            }
        }

        // A message printed is a message acked: the delivery being handled finishes (its ack sent) before the channel
        // closes, and nothing is printed after that, so an ack never races the close.
        private Task FinishHandlingAsync()
        {
            lock (_gate)
            {
                _finished = true;
                return _handling;
            }
        }

        private Task OnDelivery(object sender, BasicDeliverEventArgs delivery)
        {
            lock (_gate)
            {
                if (_finished)
                    return Task.CompletedTask;
                _handling = OnDeliveryAsync(delivery);
                return _handling;
            }
        }

        private async Task OnDeliveryAsync(BasicDeliverEventArgs delivery)
        {
            // Deliveries already in flight when --count was reached stay unacknowledged and return to the queue.
            if (_subscription.Count is { } limit && _printed >= limit)
                return;
            var message = DeliveryView.From(delivery);
            if (_subscription.Ack == AckMode.Auto)
                await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            _printed++;
            if (_output.IsJson)
                _output.WriteJson(message);
            else
                _output.Say(MessageTable.Line(_printed, message));
            if (_subscription.Ack == AckMode.Manual)
                await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            if (_printed == _subscription.Count)
                _closed.TrySetResult();
        }
    }

    private static Uri DefaultUrl()
    {
        var text = Environment.GetEnvironmentVariable("ACTORBROKER_AMQP_URL") ?? "amqp://guest:guest@127.0.0.1:5672/";
        return TryParseUrl(text) ?? throw new CliUsageException($"ACTORBROKER_AMQP_URL is not an AMQP URL: '{text}' (expected amqp://user:password@host:port/vhost)");
    }

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (TryParseUrl(text) is { } url)
            return url;
        result.AddError($"not an AMQP URL: '{text}' (expected amqp://user:password@host:port/vhost)");
        return null!;
    }

    private static Uri? TryParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" && uri.Host.Length > 0 ? uri : null;
}
