using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RabbitMQ.Client;

namespace ActorBroker.Server.Tests.Metrics;

public sealed partial class LiveNodeObservabilityTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-observe-");

    [Fact]
    public async Task A_scrape_after_publishing_shows_the_queue_and_the_amqp_connection_and_ready_turns_200()
    {
        await using var node = NodeProcess.Start(_workDir.FullName);
        using var http = new HttpClient { BaseAddress = await node.WaitForManagementAsync(s_timeout), Timeout = s_timeout };
        await node.WaitForLineAsync("started: actor system up", s_timeout);
        var port = AmqpPort(await node.WaitForLineAsync("AMQP 0-9-1 listener on", s_timeout));
        var ready = await Eventually.HoldsAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, s_timeout);
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/") };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync("observed", durable: true, exclusive: false, autoDelete: false);
        for (var i = 0; i < 3; i++)
            await channel.BasicPublishAsync("", "observed", "payload"u8.ToArray());

        var metrics = await http.GetStringAsync("/metrics");

        Assert.Equal("""{"status":"ready"}""", await ready.Content.ReadAsStringAsync());
        Assert.Contains("actorbroker_queue_messages_ready{queue=\"observed\",vhost=\"/\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains("actorbroker_queue_messages_published_total{queue=\"observed\",vhost=\"/\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains("actorbroker_amqp_connections 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("actorbroker_amqp_channels 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("actorbroker_amqp_connections_opened_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Matches(@"actorbroker_journal_commit_duration_milliseconds_count\{journal=""[^""]+""\} [1-9]", metrics);
        node.SendSigterm();
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task A_node_logging_json_writes_one_object_per_line_with_the_fields_of_the_message()
    {
        var config = Path.Combine(_workDir.FullName, "node.conf");
        await File.WriteAllTextAsync(config, """
            include "broker.conf"
            actorbroker.logging.format = json
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(_workDir.FullName, "broker.conf"));
        await using var node = NodeProcess.Start(_workDir.FullName, "--config", config);

        using var started = JsonDocument.Parse(await node.WaitForLineAsync("started: actor system up", s_timeout));
        using var listening = JsonDocument.Parse(await node.WaitForLineAsync("AMQP 0-9-1 listener on", s_timeout));
        var port = AmqpPort(listening.RootElement.GetProperty("Message").GetString()!);
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
        }

        using var accepted = JsonDocument.Parse(await node.WaitForLineAsync("accepted", s_timeout));

        Assert.Equal("Information", started.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("actorbroker@localhost", started.RootElement.GetProperty("State").GetProperty("NodeName").GetString());
        var connection = accepted.RootElement.GetProperty("State").GetProperty("Connection").GetString();
        Assert.Matches(@$"^127\.0\.0\.1:\d+ -> 127\.0\.0\.1:{port}$", connection);
        node.SendSigterm();
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
    }

    public void Dispose() => _workDir.Delete(recursive: true);

    private static int AmqpPort(string listening) =>
        int.Parse(ListeningPort().Match(listening).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"listener on [^:]+:(\d+)")]
    private static partial Regex ListeningPort();
}
