using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// Checks one connection's operations against its user's permissions in its virtual host, as RabbitMQ does:
/// a refusal is a 403 ACCESS_REFUSED channel error naming the access, the resource, the virtual host and the user.
/// </summary>
internal sealed class ResourceGuard(IConnectionAuthenticator authenticator, string userName, string virtualHost)
{
    /// <summary>The name permissions see for the default exchange, whose real name is empty (RabbitMQ's).</summary>
    public const string DefaultExchange = "amq.default";

    /// <summary>The name permissions see for a queue the server will name: the prefix of every name it picks.</summary>
    public const string ServerNamedQueue = "amq.gen-";

    public void RequireExchange(ResourceAccess access, string exchange) =>
        Require(access, "exchange", exchange.Length == 0 ? DefaultExchange : exchange);

    public void RequireQueue(ResourceAccess access, string queue) =>
        Require(access, "queue", queue.Length == 0 ? ServerNamedQueue : queue);

    private void Require(ResourceAccess access, string kind, string name)
    {
        if (!authenticator.IsAllowed(userName, virtualHost, access, name))
        {
            throw new AmqpProtocolException(ReplyCode.AccessRefused,
                $"{Describe(access)} access to {kind} '{name}' in vhost '{virtualHost}' refused for user '{userName}'");
        }
    }

    private static string Describe(ResourceAccess access) => access switch
    {
        ResourceAccess.Configure => "configure",
        ResourceAccess.Write => "write",
        _ => "read",
    };
}
