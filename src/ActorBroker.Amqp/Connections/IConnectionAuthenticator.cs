namespace ActorBroker.Amqp.Connections;

/// <summary>
/// Decides who may connect; the broker implements it over its user store. Called synchronously from
/// <see cref="ConnectionSession"/>, so an implementation answers from memory.
/// </summary>
public interface IConnectionAuthenticator
{
    /// <summary>True when the credentials are valid.</summary>
    bool Authenticate(string userName, string password);

    /// <summary>True when the authenticated user may open the virtual host (and it exists).</summary>
    bool CanOpenVirtualHost(string userName, string virtualHost);
}
