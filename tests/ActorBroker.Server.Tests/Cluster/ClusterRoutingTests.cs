using System.Net;
using System.Net.Http.Headers;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;
using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Three node processes in one cluster, each with its own journal, and RabbitMQ's client on each: what is declared on
/// one node routes on the others, and a queue on one node is published to and consumed from the others.
/// </summary>
public sealed class ClusterRoutingTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-cluster-routing-");

    [Fact]
    public async Task Declared_on_node_1_published_on_node_2_with_a_confirm_and_consumed_on_node_3()
    {
        await using var first = NodeProcess.Start(Folder("node1"));
        using var firstApi = Client(await first.WaitForManagementAsync(s_timeout));
        var firstAmqp = await first.WaitForAmqpPortAsync(s_timeout);
        var seed = (await firstApi.GetAsync<Overview>("/api/overview")).AkkaAddress;
        await using var second = NodeProcess.Start(Folder("node2"), "--config", WriteConfig("node2", seed));
        await using var third = NodeProcess.Start(Folder("node3"), "--config", WriteConfig("node3", seed));
        using var secondApi = Client(await second.WaitForManagementAsync(s_timeout));
        var secondAmqp = await second.WaitForAmqpPortAsync(s_timeout);
        using var thirdApi = Client(await third.WaitForManagementAsync(s_timeout));
        var thirdAmqp = await third.WaitForAmqpPortAsync(s_timeout);
        await Eventually.HoldsAsync(async () => (await firstApi.GetAsync<List<NodeResource>>("/api/nodes")).Count(n => n is { Running: true, MemberStatus: "up" }) == 3,
            "three members up", s_timeout);

        await using (var declaring = await ConnectAsync(firstAmqp))
        await using (var channel = await declaring.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("orders", durable: true, exclusive: false, autoDelete: false);
            await channel.ExchangeDeclareAsync("shop", ExchangeType.Topic, durable: true);
            await channel.QueueBindAsync("orders", "shop", "order.*");
        }

        await using var consuming = await ConnectAsync(thirdAmqp);
        await using var consumer = await consuming.CreateChannelAsync();
        var declared = await consumer.QueueDeclarePassiveAsync("orders");
        Assert.Equal(0u, declared.MessageCount);
        var delivered = new TaskCompletionSource<(string Body, bool Redelivered)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveries = new AsyncEventingBasicConsumer(consumer);
        deliveries.ReceivedAsync += async (_, e) =>
        {
            await consumer.BasicAckAsync(e.DeliveryTag, multiple: false);
            delivered.TrySetResult((Encoding.UTF8.GetString(e.Body.Span), e.Redelivered));
        };
        await consumer.BasicConsumeAsync("orders", autoAck: false, deliveries);

        await using (var publishing = await ConnectAsync(secondAmqp))
        await using (var publisher = await publishing.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            // With confirm tracking, the publish completes once the node confirmed it, and throws if it was refused.
            await publisher.BasicPublishAsync("shop", "order.created", mandatory: true, new BasicProperties { Persistent = true }, "order 42"u8.ToArray())
                .AsTask().WaitAsync(s_timeout);
        }

        Assert.Equal(("order 42", false), await delivered.Task.WaitAsync(s_timeout));
        await Eventually.HoldsAsync(async () => (await firstApi.GetAsync<QueueResource>("/api/queues/%2F/orders")).Messages == 0,
            "the ack from node 3 settled the message on node 1", s_timeout);

        // The management API of any node sees the whole cluster: where a queue lives, and every node's connections.
        var firstName = (await firstApi.GetAsync<Overview>("/api/overview")).Node;
        Assert.Equal(firstName, (await thirdApi.GetAsync<QueueResource>("/api/queues/%2F/orders")).Node);
        var connections = await firstApi.GetAsync<List<ConnectionResource>>("/api/connections");
        var onThird = Assert.Single(connections, c => c.Node == "node3@localhost");
        var path = "/api/connections/" + Uri.EscapeDataString(onThird.Name);
        var found = await firstApi.GetAsync<ConnectionResource>(path);
        Assert.Equal((onThird.Name, "node3@localhost"), (found.Name, found.Node));
        using var closed = await firstApi.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(!consuming.IsOpen), "node 3 closed the connection node 1 was asked to close", s_timeout);

        // Virtual hosts, users and permissions are the cluster's: made through any node's API, in effect on every node
        // once answered (the permission on node 1 needs the virtual host created on node 2).
        Assert.Equal(HttpStatusCode.Created, await StatusOfAsync(secondApi.SendRawAsync(HttpMethod.Put, "/api/vhosts/shop", "{}")));
        Assert.Equal(HttpStatusCode.Created, await StatusOfAsync(firstApi.SendRawAsync(HttpMethod.Put, "/api/users/alice", """{"password": "alice-secret", "tags": ""}""")));
        Assert.Equal(HttpStatusCode.Created, await StatusOfAsync(firstApi.SendRawAsync(HttpMethod.Put, "/api/permissions/shop/alice", """{"configure": ".*", "write": ".*", "read": ".*"}""")));
        await using (var alice = await ConnectAsync(thirdAmqp, "alice", "alice-secret", "shop"))
        await using (var aliceChannel = await alice.CreateChannelAsync())
        {
            await aliceChannel.QueueDeclareAsync("alice-orders", durable: true, exclusive: false, autoDelete: false);
        }

        Assert.Equal(HttpStatusCode.NoContent, await StatusOfAsync(thirdApi.DeleteAsync("/api/users/alice")));
        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.BrokerUnreachableException>(() => ConnectAsync(secondAmqp, "alice", "alice-secret", "shop"));

        // So are policies: one set through node 2's API limits a queue declared on node 1, published to through node 3.
        Assert.Equal(HttpStatusCode.Created, await StatusOfAsync(secondApi.PutJsonAsync("/api/policies/%2F/limits",
            new PolicyDefinition("/", "limits", "^capped\\.", "queues", 0, new() { ["max-length"] = 1, ["overflow"] = "reject-publish" }))));
        await using (var declaringCapped = await ConnectAsync(firstAmqp))
        await using (var capped = await declaringCapped.CreateChannelAsync())
        {
            await capped.QueueDeclareAsync("capped.orders", durable: true, exclusive: false, autoDelete: false);
        }

        await using var publishingCapped = await ConnectAsync(thirdAmqp);
        await using var cappedPublisher = await publishingCapped.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await cappedPublisher.BasicPublishAsync("", "capped.orders", "first"u8.ToArray()).AsTask().WaitAsync(s_timeout);
        await Assert.ThrowsAsync<RabbitMQ.Client.Exceptions.PublishException>(() => cappedPublisher.BasicPublishAsync("", "capped.orders", "over the limit"u8.ToArray()).AsTask().WaitAsync(s_timeout));
    }

    private static async Task<HttpStatusCode> StatusOfAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return response.StatusCode;
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_workDir.FullName, name)).FullName;

    /// <summary>A config file in the node's folder over the default one, joining the cluster through <paramref name="seed"/>.</summary>
    private string WriteConfig(string node, string seed)
    {
        var folder = Folder(node);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(folder, "broker.conf"));
        var path = Path.Combine(folder, "node.conf");
        File.WriteAllText(path, $"""
            include "broker.conf"
            actorbroker.node.name = "{node}@localhost"
            akka.cluster.seed-nodes = ["{seed}"]
            """);
        return path;
    }

    private static Task<IConnection> ConnectAsync(int port, string user = "guest", string password = "guest", string vhost = "/") => new ConnectionFactory
    {
        HostName = "127.0.0.1",
        Port = port,
        UserName = user,
        Password = password,
        VirtualHost = vhost,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
    }.CreateConnectionAsync().WaitAsync(s_timeout);

    private static HttpClient Client(Uri management) => new()
    {
        BaseAddress = management,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
    };

    public void Dispose() => _workDir.Delete(recursive: true);
}
