using System.Net;
using System.Net.Http.Json;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Tests.Management;
using ActorBroker.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Server.Tests.Security;

/// <summary>Users and permissions set over HTTP as RabbitMQ's API takes them, enforced on RabbitMQ.Client's operations.</summary>
public sealed class PermissionTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_user_created_with_rabbitmqs_body_has_no_permissions_and_may_not_open_a_virtual_host()
    {
        var user = await CreateUserAsync("nopermissions");

        var refusal = await ConnectionRefusalAsync(user);

        Assert.Equal(530, refusal.ReplyCode);
        Assert.Equal($"NOT_ALLOWED - access to vhost '/' refused for user '{user}'", refusal.ReplyText);
    }

    [Fact]
    public async Task Every_operation_outside_the_users_patterns_is_refused_with_access_refused_naming_access_resource_and_user()
    {
        var user = await CreateUserAsync("limited");
        await SetPermissionsAsync(user, "/", configure: $"^{user}-", write: $"^{user}-|^amq\\.default$", read: $"^{user}-");
        await using (var admin = await node.Broker.ConnectAsync())
        {
            await (await admin.CreateChannelAsync()).DeclareQueueAsync($"other-{user}");
        }

        await using var connection = await ConnectAsync(user);
        await using (var allowed = await connection.CreateChannelAsync())
        {
            await allowed.QueueDeclareAsync($"{user}-q", durable: false, exclusive: false, autoDelete: false);
            await allowed.BasicPublishAsync("", $"{user}-q", Encoding.UTF8.GetBytes("mine"));
            Assert.NotNull(await allowed.BasicGetAsync($"{user}-q", autoAck: true));
        }

        var other = $"other-{user}";
        var refusals = new[]
        {
            ($"configure access to queue 'elsewhere' in vhost '/'", (Func<IChannel, Task>)(c => c.QueueDeclareAsync("elsewhere", false, false, false))),
            ($"configure access to queue '{other}' in vhost '/'", c => c.QueueDeleteAsync(other)),
            ($"configure access to exchange 'x-{user}' in vhost '/'", c => c.ExchangeDeclareAsync($"x-{user}", "fanout")),
            ($"read access to queue '{other}' in vhost '/'", c => c.QueuePurgeAsync(other)),
            ($"read access to queue '{other}' in vhost '/'", c => c.BasicGetAsync(other, autoAck: false)),
            ($"read access to queue '{other}' in vhost '/'", c => c.BasicConsumeAsync(other, autoAck: false, new AsyncEventingBasicConsumer(c))),
            ($"read access to exchange 'amq.direct' in vhost '/'", c => c.QueueBindAsync($"{user}-q", "amq.direct", "k")),
            ($"write access to queue '{other}' in vhost '/'", c => c.QueueBindAsync(other, "amq.direct", "k")),
            ($"write access to exchange 'amq.topic' in vhost '/'", c => c.BasicPublishAsync("amq.topic", "k", Encoding.UTF8.GetBytes("x")).AsTask()),
        };
        foreach (var (refused, operation) in refusals)
        {
            var reason = await ChannelRefusalAsync(connection, operation);

            Assert.Equal(403, reason.ReplyCode);
            Assert.Equal($"ACCESS_REFUSED - {refused} refused for user '{user}'", reason.ReplyText);
        }

        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task Permissions_changed_over_http_apply_to_a_connection_already_open()
    {
        var user = await CreateUserAsync("changing");
        await SetPermissionsAsync(user, "/", ".*", ".*", ".*");
        await using var connection = await ConnectAsync(user);
        await using (var opened = await connection.CreateChannelAsync())
        {
            // RabbitMQ.Client may return before the node has handled connection.open; a channel's round trip waits for it.
            await opened.CloseAsync();
        }

        using (var cleared = await node.Admin.DeleteAsync($"/api/permissions/%2F/{user}"))
        {
            await cleared.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        var refusal = await ChannelRefusalAsync(connection, c => c.QueueDeclareAsync($"{user}-q", false, false, false));
        await SetPermissionsAsync(user, "/", ".*", ".*", ".*");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync($"{user}-q", false, false, false);

        Assert.Equal(403, refusal.ReplyCode);
    }

    [Fact]
    public async Task The_management_api_checks_an_administrators_permissions_as_amqp_does()
    {
        var user = await CreateUserAsync("admin");
        using (var tagged = await node.Admin.SendRawAsync(HttpMethod.Put, $"/api/users/{user}", """{"password": "secret", "tags": "administrator"}"""))
        {
            await tagged.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        using var admin = node.ClientAs(user, "secret");
        using var withoutAny = await admin.PutJsonAsync($"/api/queues/%2F/{user}-q", new { durable = false });
        await SetPermissionsAsync(user, "/", "", "", ".*");
        using var readOnly = await admin.PutJsonAsync($"/api/queues/%2F/{user}-q", new { durable = false });
        await node.Admin.DeclareQueueAsync($"{user}-q");
        using var got = await admin.PostJsonAsync($"/api/queues/%2F/{user}-q/get", new { count = 1 });
        using var published = await admin.PostJsonAsync("/api/exchanges/%2F/amq.default/publish", new { routing_key = $"{user}-q", payload = "x" });

        Assert.Contains($"Access to virtual host '/' refused for user '{user}'", (await withoutAny.ErrorAsync(HttpStatusCode.Forbidden)).Reason, StringComparison.Ordinal);
        Assert.Equal($"Configure access to queue '{user}-q' in virtual host '/' refused for user '{user}'.", (await readOnly.ErrorAsync(HttpStatusCode.Forbidden)).Reason);
        await got.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal($"Write access to exchange 'amq.default' in virtual host '/' refused for user '{user}'.", (await published.ErrorAsync(HttpStatusCode.Forbidden)).Reason);
    }

    [Fact]
    public async Task Permissions_are_listed_read_and_deleted_with_rabbitmqs_paths()
    {
        var user = await CreateUserAsync("listed");
        await node.Broker.AddVirtualHostAsync($"{user}-vhost");
        await SetPermissionsAsync(user, $"{user}-vhost", "^a", "^b", "^c");

        var all = await node.Admin.GetAsync<List<PermissionDefinition>>("/api/permissions");
        var one = await node.Admin.GetAsync<PermissionDefinition>($"/api/permissions/{user}-vhost/{user}");
        var byUser = await node.Admin.GetAsync<List<PermissionDefinition>>($"/api/users/{user}/permissions");
        using var deleted = await node.Admin.DeleteAsync($"/api/permissions/{user}-vhost/{user}");
        using var again = await node.Admin.DeleteAsync($"/api/permissions/{user}-vhost/{user}");

        var expected = new PermissionDefinition(user, $"{user}-vhost", "^a", "^b", "^c");
        Assert.Contains(expected, all);
        Assert.Equal(expected, one);
        Assert.Equal([expected], byUser);
        await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        await again.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/permissions/%2F/nobody-at-all", """{"configure": ".*", "write": ".*", "read": ".*"}""", HttpStatusCode.NotFound, "No user 'nobody-at-all'")]
    [InlineData("/api/permissions/no-such-vhost/guest", """{"configure": ".*", "write": ".*", "read": ".*"}""", HttpStatusCode.NotFound, "No virtual host 'no-such-vhost'")]
    [InlineData("/api/permissions/%2F/watcher", """{"configure": "(", "write": ".*", "read": ".*"}""", HttpStatusCode.BadRequest, "configure pattern '('")]
    [InlineData("/api/permissions/%2F/watcher", """{"configure": ".*", "write": ".*"}""", HttpStatusCode.BadRequest, "need configure, write and read")]
    public async Task A_bad_permission_put_is_refused_naming_what_is_wrong(string path, string body, HttpStatusCode status, string reason)
    {
        using var response = await node.Admin.SendRawAsync(HttpMethod.Put, path, body);

        Assert.Contains(reason, (await response.ErrorAsync(status)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_may_read_permissions()
    {
        using var watcher = node.ClientAs("watcher", "watcher");

        using var response = await watcher.GetAsync("/api/permissions");

        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Users_from_the_config_keep_full_permissions_in_every_virtual_host()
    {
        await node.Broker.AddVirtualHostAsync("config-users");
        var factory = Factory("nobody", "nobody");
        factory.VirtualHost = "config-users";
        await using var connection = await factory.CreateConnectionAsync().WaitAsync(s_timeout);
        await using var channel = await connection.CreateChannelAsync();

        await channel.QueueDeclareAsync("anything", false, false, false);

        Assert.Same(VirtualHostPermissions.Full, node.Services.GetRequiredService<ConfiguredUsers>().Permissions.For("nobody", "config-users"));
    }

    private async Task<string> CreateUserAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using var response = await node.Admin.SendRawAsync(HttpMethod.Put, $"/api/users/{name}", """{"password": "secret", "tags": ""}""");
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return name;
    }

    private async Task SetPermissionsAsync(string user, string vhost, string configure, string write, string read)
    {
        using var response = await node.Admin.PutAsJsonAsync($"/api/permissions/{Uri.EscapeDataString(vhost)}/{user}", new { configure, write, read });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private ConnectionFactory Factory(string user, string password) => new()
    {
        HostName = "127.0.0.1",
        Port = node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port,
        UserName = user,
        Password = password,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
    };

    private Task<IConnection> ConnectAsync(string user) => Factory(user, "secret").CreateConnectionAsync().WaitAsync(s_timeout);

    private Task<ShutdownEventArgs> ConnectionRefusalAsync(string user) => ConnectionRefusal.OfAsync(Factory(user, "secret"), s_timeout);

    // A publish is not answered, so the refusal is read from the channel's shutdown rather than from the call.
    private static async Task<ShutdownEventArgs> ChannelRefusalAsync(IConnection connection, Func<IChannel, Task> operation)
    {
        await using var channel = await connection.CreateChannelAsync();
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        try
        {
            await operation(channel);
        }
        catch (OperationInterruptedException)
        {
            // The refusal closed the channel; its reason is read below.
        }

        return await closed.Task.WaitAsync(s_timeout);
    }
}
