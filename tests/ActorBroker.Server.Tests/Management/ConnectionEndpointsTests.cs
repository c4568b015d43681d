using System.Net;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Management;

public sealed class ConnectionEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task A_connection_is_listed_and_shown_with_its_client_provided_name_and_properties()
    {
        await using var connection = await ConnectAsync("listed-app");
        await using var channel = await connection.CreateChannelAsync();

        var listed = (await _api.GetAsync<List<ConnectionResource>>("/api/connections")).Single(c => c.ClientProvidedName == "listed-app");
        var shown = await _api.GetAsync<ConnectionResource>(PathOf(listed.Name));

        Assert.Equal(("/", "guest", "running", 1), (shown.Vhost, shown.User, shown.State, shown.Channels));
        Assert.Equal($"{shown.ClientAddress} -> 127.0.0.1:{AmqpPort}", shown.Name);
        Assert.Equal("RabbitMQ", shown.ClientProperties["product"]!.GetValue<string>());
        Assert.Equal("listed-app", shown.ClientProperties["connection_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Channels_are_listed_per_connection_with_consumers_prefetch_and_confirm_mode()
    {
        await using var connection = await ConnectAsync("channels-app");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicQosAsync(0, 25, global: false);
        await channel.QueueDeclareAsync("channels-jobs", durable: false, exclusive: false, autoDelete: false);
        await channel.BasicConsumeAsync("channels-jobs", autoAck: false, new AsyncEventingBasicConsumer(channel));
        var name = await NameOfAsync("channels-app");

        var channels = await _api.GetAsync<List<ChannelResource>>(PathOf(name) + "/channels");
        var all = await _api.GetAsync<List<ChannelResource>>("/api/channels");

        var listed = Assert.Single(channels);
        Assert.Equal((name, channel.ChannelNumber, "/", 1, 0, 25, true, false),
            (listed.Connection, listed.Number, listed.Vhost, listed.Consumers, listed.MessagesUnacknowledged, listed.Prefetch, listed.ConfirmMode, listed.Transactional));
        Assert.Contains(listed, all);
    }

    [Fact]
    public async Task Consumers_are_listed_with_their_connection_and_channel_number()
    {
        await using var connection = await ConnectAsync("consumers-app");
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 7, global: false);
        await channel.QueueDeclareAsync("consumers-jobs", durable: false, exclusive: false, autoDelete: false);
        await channel.BasicConsumeAsync("consumers-jobs", autoAck: false, "jobs-worker", new AsyncEventingBasicConsumer(channel));
        var name = await NameOfAsync("consumers-app");

        var consumers = await _api.GetAsync<List<ConsumerResource>>("/api/consumers/%2F");
        var everywhere = await _api.GetAsync<List<ConsumerResource>>("/api/consumers");

        var consumer = consumers.Single(c => c.ConsumerTag == "jobs-worker");
        Assert.Equal(new ConsumerResource("/", "consumers-jobs", "jobs-worker", name, channel.ChannelNumber, AckRequired: true, Prefetch: 7, Exclusive: false), consumer);
        Assert.Contains(consumer, everywhere);
    }

    [Fact]
    public async Task Deleting_a_connection_closes_it_with_connection_forced_and_the_reason_of_the_header()
    {
        await using var connection = await ConnectAsync("doomed-app");
        await using var channel = await connection.CreateChannelAsync();
        var shutdown = ShutdownOf(connection);
        var name = await NameOfAsync("doomed-app");

        using var request = new HttpRequestMessage(HttpMethod.Delete, PathOf(name));
        request.Headers.Add("X-Reason", "moving to the new cluster");
        using var response = await _api.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.NoContent);
        var closed = await shutdown.WaitAsync(s_timeout);
        Assert.Equal((320, "CONNECTION_FORCED - moving to the new cluster"), (closed.ReplyCode, closed.ReplyText));
        await GoneAsync(name);
    }

    [Fact]
    public async Task An_unknown_connection_is_a_404_naming_it()
    {
        using var response = await _api.DeleteAsync(PathOf("10.0.0.1:1 -> 10.0.0.2:5672"));
        using var channels = await _api.GetAsync(PathOf("nobody") + "/channels");

        Assert.Contains("'10.0.0.1:1 -> 10.0.0.2:5672'", (await response.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
        Assert.Equal("not_found", (await channels.ErrorAsync(HttpStatusCode.NotFound)).Error);
    }

    [Fact]
    public async Task A_monitoring_user_sees_connections_but_may_not_close_them()
    {
        await using var connection = await ConnectAsync("watched-app");
        await using var channel = await connection.CreateChannelAsync();
        var name = await NameOfAsync("watched-app");
        using var watcher = node.ClientAs("watcher", "watcher");

        using var closing = await watcher.DeleteAsync(PathOf(name));

        await closing.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(name, (await watcher.GetAsync<ConnectionResource>(PathOf(name))).Name);
        Assert.True(connection.IsOpen);
    }

    private int AmqpPort => node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port;

    private static string PathOf(string connection) => "/api/connections/" + Uri.EscapeDataString(connection);

    private Task<IConnection> ConnectAsync(string name) => new ConnectionFactory
    {
        HostName = "127.0.0.1",
        Port = AmqpPort,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
    }.CreateConnectionAsync(name).WaitAsync(s_timeout);

    private async Task<string> NameOfAsync(string clientProvidedName) =>
        (await _api.GetAsync<List<ConnectionResource>>("/api/connections")).Single(c => c.ClientProvidedName == clientProvidedName).Name;

    // The node lets a forced connection go once the client's close-ok is in, a moment after the client saw the close.
    private async Task GoneAsync(string name)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while ((await _api.GetAsync<List<ConnectionResource>>("/api/connections")).Any(c => c.Name == name))
        {
            await tick.WaitForNextTickAsync(timeout.Token);
        }

        using var response = await _api.GetAsync(PathOf(name));
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    private static Task<ShutdownEventArgs> ShutdownOf(IConnection connection)
    {
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
