using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Client.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace ActorBroker.Client.Tests.Remote;

public class RemoteClientTests : TestKit, IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = Eventually.Timeout;
    private RemoteNode _node = null!;
    private readonly List<ActorSystem> _clientSystems = [];

    public async Task InitializeAsync() => _node = await RemoteNode.StartAsync(new BrokerOptions
    {
        ConsumerRetry = new ConsumerRetryPolicy(MaxAttempts: 2, InitialBackoff: TimeSpan.FromMilliseconds(10)),
    });

    public async Task DisposeAsync()
    {
        foreach (var system in _clientSystems)
        {
            await system.Terminate();
        }

        await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_client_in_another_system_publishes_and_its_consumer_actor_receives_properties_and_headers_intact()
    {
        var client = await ConnectAsync();
        await client.DeclareQueueAsync("remote-orders");
        var probe = CreateTestProbe();
        await client.SubscribeAsync("remote-orders", Props.Create(() => new ProbeConsumer(probe.Ref, d => d.Ack())));
        var properties = new MessageProperties
        {
            ContentType = "text/plain",
            CorrelationId = "c-9",
            Persistent = true,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            Headers = new Dictionary<string, object?> { ["tenant"] = "acme", ["attempt"] = 3, ["ratio"] = 0.5, ["raw"] = new byte[] { 1, 2 } },
        };

        Assert.True(await client.PublishAsync("", "remote-orders", Encoding.UTF8.GetBytes("hello"), properties));

        var delivery = probe.ExpectMsg<BrokerDelivery>(s_timeout);
        var headers = delivery.Properties.Headers!;
        Assert.Equal(("hello", "text/plain", "c-9", true), (Encoding.UTF8.GetString(delivery.Body.Span), delivery.Properties.ContentType, delivery.Properties.CorrelationId, delivery.Properties.Persistent));
        Assert.Equal(("acme", 3, 0.5, "0102"), ((string)headers["tenant"]!, (int)headers["attempt"]!, (double)headers["ratio"]!, Convert.ToHexString((byte[])headers["raw"]!)));
        Assert.Equal(properties.Timestamp, delivery.Properties.Timestamp);
        Assert.Equal(_node.Address, client.Node);
    }

    [Fact]
    public async Task When_a_client_system_is_lost_its_unacked_messages_go_to_another_clients_consumer_flagged_redelivered()
    {
        var (leavingSystem, leaving) = await _node.ConnectClientAsync();
        await leaving.DeclareQueueAsync("remote-handover");
        var first = CreateTestProbe();
        await leaving.SubscribeAsync("remote-handover", ProbeConsumer.Silent(first.Ref));
        await leaving.PublishAsync("", "remote-handover", Encoding.UTF8.GetBytes("held"));
        first.ExpectMsg<BrokerDelivery>(s_timeout);
        var staying = await ConnectAsync();
        var second = CreateTestProbe();
        await staying.SubscribeAsync("remote-handover", ProbeConsumer.Acking(second.Ref));

        await leavingSystem.Terminate();

        var redelivered = second.ExpectMsg<BrokerDelivery>(TimeSpan.FromSeconds(60));
        Assert.Equal(("held", true), (Encoding.UTF8.GetString(redelivered.Body.Span), redelivered.Redelivered));
    }

    [Fact]
    public async Task A_remote_consumer_actor_that_throws_leads_its_message_to_the_dead_letter_queue_with_the_reason()
    {
        var client = await ConnectAsync();
        await client.DeclareQueueAsync("remote-jobs.dlq");
        await client.DeclareQueueAsync("remote-jobs", new QueueOptions(Arguments: new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = "remote-jobs.dlq",
        }));
        var attempts = CreateTestProbe();
        await client.SubscribeAsync("remote-jobs", Props.Create(() => new ThrowingConsumer(attempts.Ref)));

        await client.PublishAsync("", "remote-jobs", Encoding.UTF8.GetBytes("poison"));

        Assert.Equal([1, 2], attempts.ReceiveN(2, s_timeout).Cast<int>());
        var dead = await Eventually.GetAsync(client, "remote-jobs.dlq");
        Assert.Equal(("poison", ("crash", "remote-jobs")), (Encoding.UTF8.GetString(dead.Body.Span), Eventually.Death(dead)));
    }

    [Fact]
    public async Task Request_and_response_work_between_two_client_systems()
    {
        var responder = await ConnectAsync();
        await responder.DeclareQueueAsync("remote-doubler");
        await responder.SubscribeAsync("remote-doubler", Props.Create(() => new DoublingResponder(responder)));
        var requester = await ConnectAsync();

        var answer = await requester.AskAsync<Answer>("", "remote-doubler", new Question(4), s_timeout);

        Assert.Equal(8, answer.Number);
    }

    [Fact]
    public async Task A_client_in_another_system_reads_a_stream_from_an_offset_as_a_group_member()
    {
        var client = await ConnectAsync();
        await client.DeclareStreamAsync("remote-events", new StreamOptions(MaxAge: TimeSpan.FromDays(7)));
        for (var i = 0; i < 4; i++)
        {
            await client.PublishAsync("", "remote-events", Encoding.UTF8.GetBytes($"e{i}"));
        }

        var probe = CreateTestProbe();
        await client.SubscribeToStreamAsync("remote-events", ProbeConsumer.Acking(probe), new StreamSubscribeOptions(StreamOffset.At(2), ConsumerGroup: "remote"));

        Assert.Equal([(2L, "e2"), (3L, "e3")], probe.ReceiveN(2, s_timeout).Cast<BrokerDelivery>().Select(d => (d.Offset!.Value, Encoding.UTF8.GetString(d.Body.Span))));
    }

    private async Task<BrokerClient> ConnectAsync()
    {
        var (system, client) = await _node.ConnectClientAsync();
        _clientSystems.Add(system);
        return client;
    }
}
