using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Server.Management;

/// <summary>
/// A connection and channel the API opens to a virtual host for one request (declare, publish, get…) and
/// closes after it; deliveries it got and did not settle go back to their queues.
/// </summary>
internal sealed class BrokerSession : IAsyncDisposable
{
    private readonly BrokerConnection _connection;

    private BrokerSession(BrokerConnection connection, BrokerChannel channel)
    {
        _connection = connection;
        Channel = channel;
    }

    public BrokerChannel Channel { get; }

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
