using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// Who may do what in which virtual host. A user the table has never restricted (every user from before
/// permissions existed, and every user of the config file) has full permissions in every virtual host, so nothing
/// breaks on upgrade; once restricted — its first permission set, or created through the management API as
/// RabbitMQ creates users, with none — a user may open only the virtual hosts it has permissions in. Thread-safe:
/// readers see whole per-user maps, replaced on every change.
/// </summary>
public sealed class PermissionTable
{
    private readonly ConcurrentDictionary<string, ImmutableDictionary<string, VirtualHostPermissions>> _restricted = new(StringComparer.Ordinal);

    /// <summary>The user's permissions in the virtual host; null when it has none there.</summary>
    public VirtualHostPermissions? For(string userName, string virtualHost)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(virtualHost);
        return _restricted.TryGetValue(userName, out var hosts) ? hosts.GetValueOrDefault(virtualHost) : VirtualHostPermissions.Full;
    }

    /// <summary>Whether the user's permissions were ever set (otherwise it has full permissions everywhere).</summary>
    public bool IsRestricted(string userName) => _restricted.ContainsKey(userName);

    /// <summary>Names of the users whose permissions were set, in order.</summary>
    public IReadOnlyList<string> RestrictedUsers() => [.. _restricted.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every permission set, ordered by user, then virtual host.</summary>
    public IReadOnlyList<(string User, string VirtualHost, VirtualHostPermissions Permissions)> List() =>
        [.. _restricted
            .SelectMany(user => user.Value.Select(host => (user.Key, host.Key, host.Value)))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ThenBy(p => p.Item2, StringComparer.Ordinal)];

    /// <summary>Makes the user's permissions explicit, with none where it has none yet.</summary>
    public void Restrict(string userName) => _restricted.TryAdd(userName, ImmutableDictionary.Create<string, VirtualHostPermissions>(StringComparer.Ordinal));

    /// <summary>Sets the user's permissions in a virtual host; true when it had none there.</summary>
    public bool Set(string userName, string virtualHost, VirtualHostPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var added = false;
        _restricted.AddOrUpdate(
            userName,
            _ =>
            {
                added = true;
                return ImmutableDictionary.Create<string, VirtualHostPermissions>(StringComparer.Ordinal).Add(virtualHost, permissions);
            },
            (_, hosts) =>
            {
                added = !hosts.ContainsKey(virtualHost);
                return hosts.SetItem(virtualHost, permissions);
            });
        return added;
    }

    /// <summary>
    /// Takes the user's permissions in a virtual host away; false when none were set there (a user never restricted
    /// stays so: its full permissions are not set anywhere, and taking one host from them would need a list of all).
    /// </summary>
    public bool Clear(string userName, string virtualHost)
    {
        while (_restricted.TryGetValue(userName, out var hosts))
        {
            if (!hosts.ContainsKey(virtualHost))
            {
                return false;
            }

            if (_restricted.TryUpdate(userName, hosts.Remove(virtualHost), hosts))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Forgets a removed user, so that a user later created with its name starts afresh.</summary>
    public void Forget(string userName) => _restricted.TryRemove(userName, out _);

    /// <summary>Takes every user's permissions in a deleted virtual host away.</summary>
    public void ForgetVirtualHost(string virtualHost)
    {
        foreach (var user in _restricted.Keys)
        {
            Clear(user, virtualHost);
        }
    }
}
