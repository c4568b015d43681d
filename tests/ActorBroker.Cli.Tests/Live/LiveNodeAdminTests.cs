using System.Text.Json;
using ActorBroker.Management.Resources;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Cli.Tests.Live;

[Collection(LiveNode.Name)]
public sealed class LiveNodeAdminTests(LiveNode node) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-live-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Dlq_redrive_moves_the_asked_number_of_messages_to_the_target_queue()
    {
        var parked = Unique("cli-parked-");
        var retried = Unique("cli-retried-");
        await node.Client.DeclareQueueAsync("/", parked, new QueueDeclareRequest());
        await node.Client.DeclareQueueAsync("/", retried, new QueueDeclareRequest());
        foreach (var payload in new[] { "a", "b", "c" })
            await node.Client.PublishAsync("/", "", new PublishRequest(parked, payload));

        var result = await CliRunner.RunAsync("dlq", "redrive", parked, "--count", "2", "--to", retried, "-o", "json", "--url", node.ManagementUrl.ToString());

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("""{"moved":2}""", result.Stdout.Trim());
        Assert.Equal(["a", "b"], (await node.Client.PeekAsync("/", retried)).Messages.Select(m => m.Payload));
        Assert.Equal("c", Assert.Single((await node.Client.PeekAsync("/", parked)).Messages).Payload);
    }

    [Fact]
    public async Task Definitions_exported_to_a_file_bring_back_a_deleted_queue_on_import()
    {
        var queue = Unique("cli-defs-");
        await node.Client.DeclareQueueAsync("/", queue, new QueueDeclareRequest(Arguments: new() { ["x-max-length"] = 7 }));
        var file = Path.Combine(_dir, "definitions.json");

        var exported = await node.RunAsync("definitions", "export", "--file", file);
        await node.Client.DeleteQueueAsync("/", queue);
        var imported = await node.RunAsync("definitions", "import", file, "-o", "json");

        Assert.True(exported.ExitCode == 0, exported.Stderr);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.True(JsonSerializer.Deserialize<ImportResult>(imported.Stdout, ManagementJson.Options)!.Queues >= 1);
        Assert.Equal(7, (int)(await node.Client.GetQueueAsync("/", queue)).Arguments["x-max-length"]!);
    }

    [Fact]
    public async Task Connections_list_shows_a_client_and_close_disconnects_it_with_the_reason()
    {
        var name = Unique("cli-client-");
        var factory = new ConnectionFactory { Uri = node.AmqpUrl, ClientProvidedName = name, AutomaticRecoveryEnabled = false };
        await using var connection = await factory.CreateConnectionAsync();
        // RabbitMQ.Client 7 returns from CreateConnectionAsync once connection.open is sent, not once the node answered
        // it: a list right after could run before the node held the connection. A channel's open-ok comes after it.
        await using var channel = await connection.CreateChannelAsync();
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, reason) =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };

        var listed = await node.RunAsync("connections", "list", "-o", "json");
        var ours = Assert.Single(JsonSerializer.Deserialize<ConnectionResource[]>(listed.Stdout, ManagementJson.Options)!, c => c.ClientProvidedName == name);
        var close = await node.RunAsync("connections", "close", ours.Name, "--reason", "maintenance window");
        var reason = await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((0, $"Closed connection '{ours.Name}'."), (close.ExitCode, close.Stdout.Trim()));
        Assert.Equal(320, reason.ReplyCode);
        Assert.Contains("maintenance window", reason.ReplyText, StringComparison.Ordinal);
    }
}
