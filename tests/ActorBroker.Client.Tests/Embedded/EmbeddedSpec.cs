using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Gateway;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Embedded;

/// <summary>A test kit whose ActorSystem hosts a broker and its gateway, with a client of that gateway.</summary>
public abstract class EmbeddedSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected EmbeddedSpec(BrokerOptions? options = null)
    {
        Broker = MessageBroker.Start(Sys, options);
        Gateway = Broker.StartGateway();
    }

    protected MessageBroker Broker { get; }

    protected IActorRef Gateway { get; }

    protected BrokerClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await BrokerClient.ConnectToGatewayAsync(Sys, Gateway);

    public async Task DisposeAsync() => await Client.DisposeAsync();

    protected static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(BrokerDelivery delivery) => Text(delivery.Body);

    protected static string Text(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);

    /// <summary>A queue with a dead-letter queue beside it (named queue.dlq), through the default exchange.</summary>
    protected async Task<string> DeclareWithDeadLetterQueueAsync(string queue)
    {
        await Client.DeclareQueueAsync(queue + ".dlq");
        await Client.DeclareQueueAsync(queue, new QueueOptions(Arguments: new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = queue + ".dlq",
        }));
        return queue + ".dlq";
    }
}
