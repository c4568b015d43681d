using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using ActorBroker.Client;
using Akka.Actor;
using RabbitMQ.Client;

namespace ActorBroker.Server.Tests.AkkaClient;

/// <summary>An Akka.NET client in this process against a node process, over Akka.Remote, beside RabbitMQ.Client over AMQP.</summary>
public sealed class AkkaClientNodeTests : IClassFixture<AkkaClientNode>
{
    private static readonly TimeSpan s_timeout = AkkaClientNode.Timeout;
    private readonly AkkaClientNode _node;

    public AkkaClientNodeTests(AkkaClientNode node) => _node = node;

    private BrokerClient Client => _node.Client;

    [Fact]
    public async Task A_message_published_with_RabbitMQ_Client_reaches_an_Akka_consumer_actor_with_properties_and_headers_intact()
    {
        await Client.DeclareQueueAsync("interop.to-akka");
        var deliveries = Channel.CreateUnbounded<BrokerDelivery>();
        await Client.SubscribeAsync("interop.to-akka", Props.Create(() => new CollectingConsumer(deliveries.Writer)));
        await using var connection = await _node.ConnectAmqpAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties
        {
            ContentType = "text/plain",
            CorrelationId = "corr-1",
            MessageId = "msg-1",
            ReplyTo = "answers",
            Type = "greeting",
            AppId = "rabbit",
            Priority = 3,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(1_700_000_000),
            Headers = new Dictionary<string, object?> { ["count"] = 5, ["big"] = 1L << 40, ["flag"] = true, ["ratio"] = 0.25, ["tenant"] = "acme" },
        };

        await channel.BasicPublishAsync("", "interop.to-akka", mandatory: false, properties, Encoding.UTF8.GetBytes("from amqp"));

        var delivery = await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
        var p = delivery.Properties;
        Assert.Equal(("from amqp", "text/plain", "corr-1", "msg-1", "answers", "greeting", "rabbit"), (Encoding.UTF8.GetString(delivery.Body.Span), p.ContentType, p.CorrelationId, p.MessageId, p.ReplyTo, p.Type, p.AppId));
        Assert.Equal(((byte?)3, true, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)), (p.Priority, p.Persistent, p.Timestamp!.Value));
        Assert.Equal((5, 1L << 40, true, 0.25, "acme"), ((int)p.Headers!["count"]!, (long)p.Headers["big"]!, (bool)p.Headers["flag"]!, (double)p.Headers["ratio"]!, (string)p.Headers["tenant"]!));
    }

    [Fact]
    public async Task A_message_published_through_the_Akka_client_is_got_by_RabbitMQ_Client_with_properties_and_headers_intact()
    {
        await Client.DeclareQueueAsync("interop.to-amqp");
        var properties = new MessageProperties
        {
            ContentType = "application/json",
            CorrelationId = "corr-2",
            MessageId = "msg-2",
            Persistent = true,
            Expiration = TimeSpan.FromMinutes(5),
            Headers = new Dictionary<string, object?> { ["count"] = 7, ["big"] = 1L << 41, ["flag"] = false, ["tenant"] = "acme", ["raw"] = new byte[] { 9, 8 } },
        };

        Assert.True(await Client.PublishAsync("", "interop.to-amqp", Encoding.UTF8.GetBytes("{\"from\":\"akka\"}"), properties));

        await using var connection = await _node.ConnectAmqpAsync();
        await using var channel = await connection.CreateChannelAsync();
        var got = await channel.BasicGetAsync("interop.to-amqp", autoAck: true);
        Assert.NotNull(got);
        var p = got.BasicProperties;
        Assert.Equal(("{\"from\":\"akka\"}", "application/json", "corr-2", "msg-2", DeliveryModes.Persistent, "300000"), (Encoding.UTF8.GetString(got.Body.Span), p.ContentType, p.CorrelationId, p.MessageId, p.DeliveryMode, p.Expiration));
        var headers = p.Headers!;
        Assert.Equal((7, 1L << 41, false, "acme", "0908"), ((int)headers["count"]!, (long)headers["big"]!, (bool)headers["flag"]!, Encoding.UTF8.GetString((byte[])headers["tenant"]!), Convert.ToHexString(((BinaryTableValue)headers["raw"]!).Bytes)));
    }

    [Fact]
    public async Task A_consumer_actor_that_throws_leads_its_message_to_the_dead_letter_queue_with_the_reason()
    {
        await Client.DeclareQueueAsync("akka-jobs.dlq");
        await Client.DeclareQueueAsync("akka-jobs", new QueueOptions(Arguments: new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = "akka-jobs.dlq",
        }));
        var attempts = Channel.CreateUnbounded<int>();
        await Client.SubscribeAsync("akka-jobs", Props.Create(() => new AlwaysThrowingConsumer(attempts.Writer)));
        var deadLetters = Channel.CreateUnbounded<BrokerDelivery>();
        await Client.SubscribeAsync("akka-jobs.dlq", Props.Create(() => new CollectingConsumer(deadLetters.Writer)));

        await Client.PublishAsync("", "akka-jobs", Encoding.UTF8.GetBytes("poison"));

        var dead = await deadLetters.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
        var death = (IReadOnlyDictionary<string, object?>)((IReadOnlyList<object?>)dead.Properties.Headers!["x-death"]!)[0]!;
        Assert.Equal(("poison", "crash", "akka-jobs"), (Encoding.UTF8.GetString(dead.Body.Span), (string)death["reason"]!, (string)death["queue"]!));
        attempts.Writer.Complete();
        var counts = new List<int>();
        await foreach (var attempt in attempts.Reader.ReadAllAsync())
        {
            counts.Add(attempt);
        }

        Assert.Equal(Enumerable.Range(1, counts.Count), counts);
        Assert.True(counts.Count > 1, "the consumer was retried before the message was dead-lettered");
    }

    [Fact]
    public async Task The_sample_service_runs_its_round_trip_against_a_node_process_and_exits_0()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SampleAssembly());
        start.ArgumentList.Add("--contact");
        start.ArgumentList.Add(_node.AkkaAddress);
        using var sample = Process.Start(start)!;
        var output = sample.StandardOutput.ReadToEndAsync();
        var errors = sample.StandardError.ReadToEndAsync();

        await sample.WaitForExitAsync().WaitAsync(s_timeout * 2);

        Assert.True(sample.ExitCode == 0, $"exit {sample.ExitCode}: {await output}{await errors}");
        Assert.Contains("the responder answered 42", await output, StringComparison.Ordinal);
    }

    /// <summary>The sample's built assembly, in the repository's samples folder, of this test assembly's configuration.</summary>
    private static string SampleAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "samples", "AkkaClient", "bin", configuration, "net10.0", "AkkaClient.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build samples/AkkaClient first.", path);
    }
}
