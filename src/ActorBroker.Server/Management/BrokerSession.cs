using ActorBroker.Amqp.Connections;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using Microsoft.AspNetCore.Http;

namespace ActorBroker.Server.Management;

/// <summary>
/// A connection and channel the API opens to a virtual host for one request (declare, publish, get…) and
/// closes after it; deliveries it got and did not settle go back to their queues. Opened for a request, it holds
/// the requesting user's permissions in the virtual host, which each endpoint checks as AMQP would (as RabbitMQ's
/// API does, also for administrators).
/// </summary>
internal sealed class BrokerSession : IAsyncDisposable
{
    private readonly BrokerConnection _connection;
    private RequestPermissions _permissions = RequestPermissions.Node("");

    private BrokerSession(BrokerConnection connection, BrokerChannel channel)
    {
        _connection = connection;
        Channel = channel;
    }

    public BrokerChannel Channel { get; }

    /// <summary>As <see cref="OpenAsync(MessageBroker, string)"/>, for the user <paramref name="request"/> authenticated as.</summary>
    /// <exception cref="ApiException">403: the user has no permissions in the virtual host.</exception>
    public static async Task<BrokerSession> OpenAsync(MessageBroker broker, string vhost, HttpRequest request)
    {
        var permissions = RequestPermissions.Of(request, vhost);
        var session = await OpenAsync(broker, vhost).ConfigureAwait(false);
        session._permissions = permissions;
        return session;
    }

    /// <exception cref="ApiException">403 naming the access, the queue, the virtual host and the user.</exception>
    public void RequireQueue(ResourceAccess access, string queue) => _permissions.Require(access, "queue", queue);

    /// <exception cref="ApiException">403 naming the access, the exchange, the virtual host and the user.</exception>
    public void RequireExchange(ResourceAccess access, string exchange) => _permissions.Require(access, "exchange", exchange.Length == 0 ? ApiNames.DefaultExchange : exchange);

    /// <exception cref="Broker.Errors.BrokerException">The virtual host does not exist (not found).</exception>
    public static async Task<BrokerSession> OpenAsync(MessageBroker broker, string vhost)
    {
        var connection = await broker.ConnectAsync(vhost).ConfigureAwait(false);
        try
        {
            return new BrokerSession(connection, await connection.CreateChannelAsync().ConfigureAwait(false));
        }
        catch
        {
            await connection.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether a passive declaration found its queue or exchange; other errors fault the task.</summary>
    public static async Task<bool> FindsAsync(Task passiveDeclaration)
    {
        ArgumentNullException.ThrowIfNull(passiveDeclaration);
        try
        {
            await passiveDeclaration.ConfigureAwait(false);
            return true;
        }
        catch (BrokerException e) when (e.Code == BrokerErrorCode.NotFound)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.CloseAsync().ConfigureAwait(false);
        await _connection.CloseAsync().ConfigureAwait(false);
    }
}
