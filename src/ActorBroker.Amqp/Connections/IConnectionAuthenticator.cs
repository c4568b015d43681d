namespace ActorBroker.Amqp.Connections;

/// <summary>
/// Decides who may connect and what they may do; the broker implements it over its user store. Called
/// synchronously from <see cref="ConnectionSession"/> and the channels, so an implementation answers from memory.
/// </summary>
public interface IConnectionAuthenticator
{
    /// <summary>True when the credentials are valid.</summary>
    bool Authenticate(string userName, string password);

    /// <summary>
    /// True when the transport vouches for the client (a TLS client certificate the node verified), so connection.start
    /// offers the EXTERNAL mechanism.
    /// </summary>
    bool OffersExternal => false;

    /// <summary>For the EXTERNAL mechanism: the user the transport vouches for, when it is one that may connect; else null.</summary>
    string? AuthenticateExternal() => null;

    /// <summary>True when the authenticated user may open the virtual host (and it exists).</summary>
    bool CanOpenVirtualHost(string userName, string virtualHost);

    /// <summary>
    /// True when the user may use the exchange or queue named <paramref name="resource"/> in the virtual host as
    /// <paramref name="access"/> says. Asked on every operation, so a permission changed at run time applies to
    /// connections already open. An authenticator that knows no permissions allows everything.
    /// </summary>
    bool IsAllowed(string userName, string virtualHost, ResourceAccess access, string resource) => true;
}
