using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Cli.Amqp;

/// <summary>Opens client connections to a broker URL and turns the client's failures into one-line messages.</summary>
internal static class BrokerConnector
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Connects under <paramref name="clientName"/>, the name the broker shows, e.g. <c>actorbroker-consume</c>.</summary>
    public static async Task<IConnection> ConnectAsync(Uri url, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = url,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = s_connectTimeout,
        };
        try
        {
            var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The client can hand back a connection the broker already refused (530 for a forbidden vhost); a first channel tells.
                await (await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (BrokerUnreachableException e) when (Find<AuthenticationFailureException>(e) is not null || Find<PossibleAuthenticationFailureException>(e) is not null)
        {
            throw new BrokerConnectionException($"login refused by {Describe(url)} for user '{factory.UserName}': wrong user name or password", ExitCodes.AccessRefused, e);
        }
        catch (OperationInterruptedException e)
        {
            // A broker that accepts the login but refuses the connection itself, e.g. 530 for a vhost the user may not open.
            var reason = e.ShutdownReason is { } shutdown ? $"{shutdown.ReplyCode} {shutdown.ReplyText}" : e.Message;
            throw new BrokerConnectionException($"{Describe(url)} refused the connection: {reason}", ExitCodes.AccessRefused, e);
        }
        catch (BrokerUnreachableException e)
        {
            throw new BrokerConnectionException($"broker not reachable at {Describe(url)}: {Innermost(e).Message}", ExitCodes.NodeUnreachable, e);
        }
    }

    /// <summary>The URL without its password, for messages and reports.</summary>
    public static string Describe(Uri url)
    {
        var user = url.UserInfo.Split(':')[0];
        var credentials = user.Length > 0 ? Uri.UnescapeDataString(user) + "@" : "";
        return $"{url.Scheme}://{credentials}{url.Host}:{(url.Port > 0 ? url.Port : DefaultPort(url))}{url.AbsolutePath}";
    }

    private static int DefaultPort(Uri url) => url.Scheme == "amqps" ? 5671 : 5672;

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match)
                return match;
        }
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
