using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ActorBroker.Amqp.Connections;
using ActorBroker.Hocon;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// The node's users: those of <c>actorbroker.users</c> at start, then added, replaced or removed at run time
/// (definitions import, the management API's user routes), with their permissions per virtual host
/// (<see cref="PermissionTable"/>). Thread-safe. The broker refuses a virtual host that does not exist.
/// </summary>
public sealed class ConfiguredUsers
{
    /// <summary>RabbitMQ's well-known default user, guest/guest: loopback only unless security.loopback-users says otherwise.</summary>
    public const string GuestName = "guest";

    private readonly ConcurrentDictionary<string, NodeUser> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loopbackUsers;

    // PBKDF2 is slow on purpose; a password that verified once is remembered as its SHA-256 digest, so
    // reconnects cost a hash, not 100 000 iterations. The entry names the user record it was verified
    // against, so replacing a user (a new password) forgets it.
    private readonly ConcurrentDictionary<string, (NodeUser User, byte[] Digest)> _verified = new(StringComparer.Ordinal);

    /// <param name="users">The users.</param>
    /// <param name="loopbackUsers">Names that may sign in from loopback only, whatever their own setting (<c>security.loopback-users</c>).</param>
    /// <param name="throttle">Failed sign-ins per name and address (<c>security.max-failed-logins</c>); null: none.</param>
    public ConfiguredUsers(IEnumerable<NodeUser> users, IEnumerable<string>? loopbackUsers = null, LoginThrottle? throttle = null)
    {
        _loopbackUsers = (loopbackUsers ?? [GuestName]).ToHashSet(StringComparer.Ordinal);
        Throttle = throttle ?? LoginThrottle.None;
        ArgumentNullException.ThrowIfNull(users);
        foreach (var user in users)
        {
            Put(user);
        }
    }

    /// <summary>Only guest/guest, loopback only, administrator: what tests use.</summary>
    public static ConfiguredUsers GuestOnly() =>
        new([new NodeUser("guest", PasswordHash.Parse(PasswordHash.Create("guest", iterations: 1)), [NodeUser.AdministratorTag], LoopbackOnly: true)]);

    /// <exception cref="ArgumentException">A user's password hash is malformed.</exception>
    public static ConfiguredUsers From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath("actorbroker.users"))
        {
            return new ConfiguredUsers([]);
        }

        var section = config.GetConfig("actorbroker.users");
        var users = new List<NodeUser>();
        foreach (var name in section.Keys.Where(section.HasPath))
        {
            var user = section.GetConfig(name);
            users.Add(new NodeUser(
                name,
                PasswordHash.Parse(user.GetString("password-hash")),
                user.HasPath("tags") ? user.GetStringList("tags") : [],
                user.GetBoolean("loopback-only", false)));
        }

        var security = config.HasPath("actorbroker.security") ? config.GetConfig("actorbroker.security") : null;
        var maxFailures = security?.GetLong("max-failed-logins", 0) ?? 0;
        var window = security?.GetDuration("failed-login-window", TimeSpan.FromSeconds(30)) ?? TimeSpan.Zero;
        if (maxFailures < 0 || window < TimeSpan.Zero)
        {
            throw new ArgumentException($"actorbroker.security.max-failed-logins = {maxFailures} and failed-login-window = {window} must not be negative");
        }

        return new ConfiguredUsers(
            users,
            security?.GetStringList("loopback-users", [GuestName]),
            maxFailures == 0 ? null : new LoginThrottle((int)Math.Min(maxFailures, int.MaxValue - 1), window, TimeProvider.System));
    }

    /// <summary>Failed sign-ins counted per user name and address, for AMQP and the management API alike.</summary>
    public LoginThrottle Throttle { get; }

    /// <summary>Whether the user may sign in only from loopback: its own setting, or named by security.loopback-users.</summary>
    public bool IsLoopbackOnly(NodeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LoopbackOnly || _loopbackUsers.Contains(user.Name);
    }

    /// <summary>What each user may do in each virtual host.</summary>
    public PermissionTable Permissions { get; } = new();

    /// <summary>All users, ordered by name.</summary>
    public IReadOnlyList<NodeUser> List() => [.. _users.Values.OrderBy(u => u.Name, StringComparer.Ordinal)];

    /// <summary>The user named <paramref name="name"/>, or null.</summary>
    public NodeUser? Find(string name) => _users.TryGetValue(name, out var user) ? user : null;

    /// <summary>Adds a user or replaces the one of the same name; connections already open stay open.</summary>
    /// <returns>True when the user is new.</returns>
    public bool Put(NodeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Name);
        var added = true;
        _users.AddOrUpdate(user.Name, user, (_, _) =>
        {
            added = false;
            return user;
        });
        _verified.TryRemove(user.Name, out _);
        return added;
    }

    /// <summary>Removes a user and its permissions; connections already open stay open.</summary>
    /// <returns>False when there was no such user.</returns>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _verified.TryRemove(name, out _);
        Permissions.Forget(name);
        return _users.TryRemove(name, out _);
    }

    /// <summary>
    /// The user with this name and password, or null when there is none, the password is wrong, or the user
    /// may connect only from loopback and <paramref name="fromLoopback"/> is false.
    /// </summary>
    public NodeUser? Authenticate(string userName, string password, bool fromLoopback)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!_users.TryGetValue(userName, out var user) || (IsLoopbackOnly(user) && !fromLoopback))
        {
            // As long as a wrong password, so the time of a refusal does not tell which user names exist.
            PasswordHash.None.Matches(password);
            return null;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(userName, out var known) && ReferenceEquals(known.User, user)
            && CryptographicOperations.FixedTimeEquals(known.Digest, digest))
        {
            return user;
        }

        if (!user.Hash.Matches(password))
        {
            return null;
        }

        _verified[userName] = (user, digest);
        return user;
    }

    /// <summary>
    /// As <see cref="Authenticate(string, string, bool)"/> for a client at <paramref name="remote"/>, throttled: a name
    /// that failed too often from that address is refused without a check until its window has passed.
    /// </summary>
    public NodeUser? Authenticate(string userName, string password, IPAddress? remote)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (Throttle.IsLocked(remote, userName))
        {
            return null;
        }

        var user = Authenticate(userName, password, remote is not null && IPAddress.IsLoopback(remote));
        if (user is null)
        {
            Throttle.Failed(remote, userName);
        }
        else
        {
            Throttle.Succeeded(remote, userName);
        }

        return user;
    }

    /// <summary>
    /// The user named <paramref name="userName"/> when a verified client certificate names it (the EXTERNAL
    /// mechanism), or null when there is none or it may connect only from loopback and <paramref name="fromLoopback"/> is false.
    /// </summary>
    public NodeUser? AuthenticateCertified(string userName, bool fromLoopback) =>
        _users.TryGetValue(userName, out var user) && (fromLoopback || !IsLoopbackOnly(user)) ? user : null;

    /// <summary>
    /// An authenticator for a connection from <paramref name="remote"/>; <paramref name="certifiedUser"/> is the user a
    /// verified TLS client certificate names, if any, which may then sign in with EXTERNAL.
    /// </summary>
    public IConnectionAuthenticator For(EndPoint? remote, string? certifiedUser = null) => new ConnectionAuthenticator(this, (remote as IPEndPoint)?.Address, certifiedUser);

    private sealed class ConnectionAuthenticator(ConfiguredUsers users, IPAddress? remote, string? certifiedUser) : IConnectionAuthenticator
    {
        private readonly bool _fromLoopback = remote is not null && IPAddress.IsLoopback(remote);

        public bool OffersExternal => certifiedUser is not null;

        public string? AuthenticateExternal() =>
            certifiedUser is not null && users.AuthenticateCertified(certifiedUser, _fromLoopback) is not null ? certifiedUser : null;

        public bool Authenticate(string userName, string password) => users.Authenticate(userName, password, remote) is not null;

        public bool CanOpenVirtualHost(string userName, string virtualHost) => users.Permissions.For(userName, virtualHost) is not null;

        public bool IsAllowed(string userName, string virtualHost, ResourceAccess access, string resource) =>
            users.Permissions.For(userName, virtualHost)?.Allows(access, resource) == true;
    }
}
