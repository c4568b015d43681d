using System.Text;
using ActorBroker.Amqp.Connections;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.Tests.Interop;

/// <summary>RabbitMQ's own .NET client talks to the session and codec over a loopback socket.</summary>
public class RabbitMqClientInteropTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RabbitMQ_client_connects_publishes_and_closes_cleanly()
    {
        using var server = new LoopbackAmqpServer();
        var serving = server.ServeOneClientAsync(new GuestOnly());
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = server.Port, UserName = "guest", Password = "guest", AutomaticRecoveryEnabled = false };

        await using (var connection = await factory.CreateConnectionAsync().WaitAsync(s_timeout))
        {
            await using var channel = await connection.CreateChannelAsync().WaitAsync(s_timeout);
            var properties = new BasicProperties { MessageId = "m-1", ContentType = "text/plain" };
            await channel.BasicPublishAsync("amq.direct", "orders", false, properties, Encoding.UTF8.GetBytes("hello")).AsTask().WaitAsync(s_timeout);
            await channel.CloseAsync().WaitAsync(s_timeout);
            await connection.CloseAsync().WaitAsync(s_timeout);
        }

        await serving.WaitAsync(s_timeout);
        var (routingKey, messageId, body) = Assert.Single(server.Published);
        Assert.Equal(("orders", "m-1", "hello"), (routingKey, messageId, Encoding.UTF8.GetString(body)));
    }

    [Fact]
    public async Task RabbitMQ_client_reports_a_refused_login_as_authentication_failure()
    {
        using var server = new LoopbackAmqpServer();
        var serving = server.ServeOneClientAsync(new GuestOnly());
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = server.Port, UserName = "guest", Password = "wrong", AutomaticRecoveryEnabled = false };

        var error = await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync().WaitAsync(s_timeout));

        Assert.IsType<AuthenticationFailureException>(error.InnerException);
        await serving.WaitAsync(s_timeout);
    }

    private sealed class GuestOnly : IConnectionAuthenticator
    {
        public bool Authenticate(string userName, string password) => userName == "guest" && password == "guest";

        public bool CanOpenVirtualHost(string userName, string virtualHost) => virtualHost == "/";
    }
}
