using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ActorBroker.Amqp.Connections;
using ActorBroker.Hocon;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// The users of <c>actorbroker.users</c>: name, password hash, and whether they may connect only from the
/// loopback interface (the default guest may). Every user may open the virtual host "/".
/// </summary>
public sealed class ConfiguredUsers
{
    private readonly Dictionary<string, User> _users;

    // PBKDF2 is slow on purpose; a password that verified once is remembered as its SHA-256 digest, so
    // reconnects cost a hash, not 100 000 iterations.
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    public ConfiguredUsers(IEnumerable<(string Name, PasswordHash Hash, bool LoopbackOnly)> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        _users = users.ToDictionary(u => u.Name, u => new User(u.Hash, u.LoopbackOnly), StringComparer.Ordinal);
    }

    /// <summary>Only guest/guest, loopback only: what tests use.</summary>
    public static ConfiguredUsers GuestOnly() => new([("guest", PasswordHash.Parse(PasswordHash.Create("guest", iterations: 1)), true)]);

    /// <exception cref="ArgumentException">A user's password hash is malformed.</exception>
    public static ConfiguredUsers From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath("actorbroker.users"))
        {
            return new ConfiguredUsers([]);
        }

        var section = config.GetConfig("actorbroker.users");
        var users = new List<(string, PasswordHash, bool)>();
        foreach (var name in section.Keys.Where(section.HasPath))
        {
            var user = section.GetConfig(name);
            users.Add((name, PasswordHash.Parse(user.GetString("password-hash")), user.GetBoolean("loopback-only", false)));
        }

        return new ConfiguredUsers(users);
    }

    /// <summary>An authenticator for a connection from <paramref name="remote"/>.</summary>
    public IConnectionAuthenticator For(EndPoint? remote) =>
        new ConnectionAuthenticator(this, remote is IPEndPoint ip && IPAddress.IsLoopback(ip.Address));

    private bool Authenticate(string userName, string password, bool fromLoopback)
    {
        if (!_users.TryGetValue(userName, out var user) || (user.LoopbackOnly && !fromLoopback))
        {
            return false;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(userName, out var known) && CryptographicOperations.FixedTimeEquals(known, digest))
        {
            return true;
        }

        if (!user.Hash.Matches(password))
        {
            return false;
        }

        _verified[userName] = digest;
        return true;
    }

    private sealed record User(PasswordHash Hash, bool LoopbackOnly);

    private sealed class ConnectionAuthenticator(ConfiguredUsers users, bool fromLoopback) : IConnectionAuthenticator
    {
        public bool Authenticate(string userName, string password) => users.Authenticate(userName, password, fromLoopback);

        public bool CanOpenVirtualHost(string userName, string virtualHost) => virtualHost == "/";
    }
}
