using System.Text.Json;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Replication;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using Akka.Actor;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// Changes to the node's users and their permissions made at run time (the management API's user and permission
/// routes, definitions import), kept in <c>users.json</c> in the data directory so that they survive a restart.
/// The file is an overlay on the config's <c>actorbroker.users</c>: at start it is applied after them, its users
/// added or replacing those of the config, and the names it lists as removed taken away (so a config user deleted
/// at run time stays deleted). It holds the permissions of every restricted user (<see cref="PermissionTable"/>);
/// a file written before permissions existed holds none, so its users keep full permissions.
/// In a cluster the users are the cluster's: the methods ending in Async make a change here, then on every other Up
/// member (<see cref="Cluster.UserReplica"/>) before they complete; the others change this node only, as a replica does.
/// </summary>
public sealed class UserStore
{
    private const string FileName = "users.json";

    private readonly string _path;
    private readonly Lock _overlayLock = new();
    private readonly Dictionary<string, UserDefinition> _put = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    private ActorSystem? _cluster;

    private UserStore(string path, ConfiguredUsers users)
    {
        _path = path;
        Users = users;
    }

    /// <summary>From now on, changes through the Async methods wait for every other member of <paramref name="system"/>'s cluster.</summary>
    public void ReplicateThrough(ActorSystem system) => _cluster = system;

    /// <summary>The node's users, the overlay applied.</summary>
    public ConfiguredUsers Users { get; }

    /// <summary>Applies the overlay in <paramref name="dataDirectory"/>, if there is one, to <paramref name="users"/>.</summary>
    /// <exception cref="ArgumentException">The overlay file cannot be read or is not valid (names the file and the reason).</exception>
    public static UserStore Open(string dataDirectory, ConfiguredUsers users)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(users);
        var store = new UserStore(Path.Combine(dataDirectory, FileName), users);
        if (File.Exists(store._path))
        {
            store.Load();
        }

        return store;
    }

    /// <summary>The user as the definitions document holds it.</summary>
    public static UserDefinition ToDefinition(NodeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserDefinition(user.Name, user.Hash.ToString(), user.Tags, user.LoopbackOnly);
    }

    /// <summary>A permission as the API and the definitions document hold it.</summary>
    public static PermissionDefinition ToDefinition(string user, string vhost, VirtualHostPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return new PermissionDefinition(user, vhost, permissions.Configure, permissions.Write, permissions.Read);
    }

    /// <summary>The permissions a definition describes.</summary>
    /// <exception cref="FormatException">A pattern is missing or not a regular expression (says which).</exception>
    public static VirtualHostPermissions FromDefinition(PermissionDefinition permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        if (permission.Configure is null || permission.Write is null || permission.Read is null)
        {
            throw new FormatException("permissions need configure, write and read patterns (\"\" for none, \".*\" for all)");
        }

        try
        {
            return new VirtualHostPermissions(permission.Configure, permission.Write, permission.Read);
        }
        catch (ArgumentException bad)
        {
            throw new FormatException(bad.Message, bad);
        }
    }

    /// <summary>The node user a definition describes.</summary>
    /// <exception cref="FormatException">The name is empty or the password hash is malformed (says which).</exception>
    public static NodeUser FromDefinition(UserDefinition user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(user.Name))
        {
            throw new FormatException("a user needs a name");
        }

        try
        {
            var hash = user.Password is { } password ? PasswordHash.Parse(PasswordHash.Create(password)) : PasswordHash.Parse(user.PasswordHash ?? "");
            return new NodeUser(user.Name, hash, [.. user.Tags ?? []], user.LoopbackOnly);
        }
        catch (ArgumentException bad)
        {
            // PasswordHash names its parameter; the reader of an import error or users.json has no use for that.
            throw new FormatException(bad.Message.Replace($" (Parameter '{bad.ParamName}')", "", StringComparison.Ordinal), bad);
        }
    }

    /// <summary>
    /// Adds or replaces a user and saves the overlay; true when the user is new. A replaced user keeps its
    /// permissions; a new one starts with none when <paramref name="restrictNew"/> (as RabbitMQ creates users),
    /// or else with full permissions everywhere until one is set.
    /// </summary>
    /// <exception cref="IOException">The overlay could not be written (the change is in effect until the node stops).</exception>
    public bool Put(NodeUser user, bool restrictNew)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_overlayLock)
        {
            var added = Users.Put(user);
            if (added && restrictNew)
            {
                Users.Permissions.Restrict(user.Name);
            }

            _put[user.Name] = ToDefinition(user);
            _removed.Remove(user.Name);
            Save();
            return added;
        }
    }

    /// <summary>Sets a user's permissions in a virtual host and saves the overlay; true when it had none there.</summary>
    /// <exception cref="IOException">The overlay could not be written (the change is in effect until the node stops).</exception>
    public bool SetPermissions(string user, string vhost, VirtualHostPermissions permissions)
    {
        lock (_overlayLock)
        {
            var added = Users.Permissions.Set(user, vhost, permissions);
            Save();
            return added;
        }
    }

    /// <summary>Takes a user's permissions in a virtual host away and saves the overlay; false when none were set there.</summary>
    /// <exception cref="IOException">The overlay could not be written (the change is in effect until the node stops).</exception>
    public bool ClearPermissions(string user, string vhost)
    {
        lock (_overlayLock)
        {
            var removed = Users.Permissions.Clear(user, vhost);
            if (removed)
            {
                Save();
            }

            return removed;
        }
    }

    /// <summary>Takes every permission in a deleted virtual host away and saves the overlay.</summary>
    /// <exception cref="IOException">The overlay could not be written (the change is in effect until the node stops).</exception>
    public void ForgetVirtualHost(string vhost)
    {
        lock (_overlayLock)
        {
            Users.Permissions.ForgetVirtualHost(vhost);
            Save();
        }
    }

    /// <summary>Every permission set, in the API's form.</summary>
    public IReadOnlyList<PermissionDefinition> ListPermissions() =>
        [.. Users.Permissions.List().Select(p => ToDefinition(p.User, p.VirtualHost, p.Permissions))];

    /// <summary>Removes a user and saves the overlay; false when there was no such user.</summary>
    /// <exception cref="IOException">The overlay could not be written (the change is in effect until the node stops).</exception>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_overlayLock)
        {
            if (!Users.Remove(name))
            {
                return false;
            }

            _put.Remove(name);
            _removed.Add(name);
            Save();
            return true;
        }
    }

    /// <summary>Adds or replaces a user here and on every other node (see <see cref="Put"/>); true when it is new here.</summary>
    /// <exception cref="IOException">The overlay could not be written here (the change is in effect until the node stops, and was not sent).</exception>
    public async Task<bool> PutAsync(NodeUser user, bool restrictNew)
    {
        var added = Put(user, restrictNew);
        await ReplicateAsync(new Cluster.UserReplica.PutUser(JsonSerializer.Serialize(ToDefinition(user), ManagementJson.Options), restrictNew)).ConfigureAwait(false);
        return added;
    }

    /// <summary>Removes a user here and on every other node (see <see cref="Remove"/>); false when there was no such user here.</summary>
    /// <exception cref="IOException">The overlay could not be written here.</exception>
    public async Task<bool> RemoveAsync(string name)
    {
        var removed = Remove(name);
        if (removed)
        {
            await ReplicateAsync(new Cluster.UserReplica.RemoveUser(name)).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>Sets a user's permissions in a virtual host here and on every other node (see <see cref="SetPermissions"/>).</summary>
    /// <exception cref="IOException">The overlay could not be written here.</exception>
    public async Task<bool> SetPermissionsAsync(string user, string vhost, VirtualHostPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var added = SetPermissions(user, vhost, permissions);
        await ReplicateAsync(new Cluster.UserReplica.SetPermissions(user, vhost, permissions.Configure, permissions.Write, permissions.Read)).ConfigureAwait(false);
        return added;
    }

    /// <summary>Takes a user's permissions in a virtual host away here and on every other node (see <see cref="ClearPermissions"/>).</summary>
    /// <exception cref="IOException">The overlay could not be written here.</exception>
    public async Task<bool> ClearPermissionsAsync(string user, string vhost)
    {
        var removed = ClearPermissions(user, vhost);
        if (removed)
        {
            await ReplicateAsync(new Cluster.UserReplica.ClearPermissions(user, vhost)).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>Takes every permission in a deleted virtual host away here and on every other node.</summary>
    /// <exception cref="IOException">The overlay could not be written here.</exception>
    public async Task ForgetVirtualHostAsync(string vhost)
    {
        ForgetVirtualHost(vhost);
        await ReplicateAsync(new Cluster.UserReplica.ForgetVirtualHost(vhost)).ConfigureAwait(false);
    }

    /// <summary>Every user and permission of this node, as the JSON <see cref="Adopt"/> takes.</summary>
    public string ExportState()
    {
        lock (_overlayLock)
        {
            return JsonSerializer.Serialize(
                new Overlay([.. Users.List().Select(ToDefinition)], [], Users.Permissions.RestrictedUsers(), ListPermissions()), ManagementJson.Options);
        }
    }

    /// <summary>
    /// Makes another node's users and permissions (<see cref="ExportState"/>) this node's, in place of its own, and saves
    /// them: a user this node has and the other lacks is removed, as it was deleted while this node was away.
    /// </summary>
    /// <exception cref="ArgumentException">The state is not valid (says why).</exception>
    /// <exception cref="IOException">The overlay could not be written (the state is in effect until the node stops).</exception>
    public void Adopt(string stateJson)
    {
        Overlay state;
        List<NodeUser> users;
        List<(string User, string Vhost, VirtualHostPermissions Permissions)> permissions;
        try
        {
            state = JsonSerializer.Deserialize<Overlay>(stateJson, ManagementJson.Options) ?? throw new JsonException("the state is null");
            users = [.. (state.Users ?? []).Select(FromDefinition)];
            permissions = [.. (state.Permissions ?? []).Select(p => (p.User ?? "", p.Vhost ?? "", FromDefinition(p)))];
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            throw new ArgumentException($"another node's users are not valid: {error.Message}", error);
        }

        lock (_overlayLock)
        {
            foreach (var gone in Users.List().Select(u => u.Name).Except(users.Select(u => u.Name), StringComparer.Ordinal).ToList())
            {
                Users.Remove(gone);
                _put.Remove(gone);
                _removed.Add(gone);
            }

            foreach (var user in users)
            {
                // Forgotten first: the permissions below are the other node's, not what this node had.
                Users.Permissions.Forget(user.Name);
                Users.Put(user);
                _put[user.Name] = ToDefinition(user);
                _removed.Remove(user.Name);
            }

            foreach (var name in state.Restricted ?? [])
            {
                Users.Permissions.Restrict(name);
            }

            foreach (var (user, vhost, granted) in permissions)
            {
                Users.Permissions.Set(user, vhost, granted);
            }

            Save();
        }
    }

    /// <summary>The user a <see cref="Cluster.UserReplica.PutUser"/> carries.</summary>
    /// <exception cref="FormatException">The definition is not valid.</exception>
    public static NodeUser FromDefinitionJson(string json)
    {
        try
        {
            return FromDefinition(JsonSerializer.Deserialize<UserDefinition>(json, ManagementJson.Options) ?? throw new FormatException("the user is null"));
        }
        catch (JsonException bad)
        {
            throw new FormatException(bad.Message, bad);
        }
    }

    private Task ReplicateAsync(object change) =>
        _cluster is { } system ? PeerReplication.ApplyEverywhereAsync(system, Cluster.UserReplica.PathOnEveryNode, change, BrokerOptions.Default.OperationTimeout) : Task.CompletedTask;

    private void Load()
    {
        Overlay overlay;
        try
        {
            overlay = JsonSerializer.Deserialize<Overlay>(File.ReadAllBytes(_path), ManagementJson.Options)
                ?? throw new JsonException("the file holds null");
            foreach (var user in overlay.Users ?? [])
            {
                Users.Put(FromDefinition(user));
                _put[user.Name] = user;
            }
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw new ArgumentException($"users file '{_path}' is not valid: {error.Message}", error);
        }

        foreach (var name in overlay.Removed ?? [])
        {
            Users.Remove(name);
            _removed.Add(name);
        }

        foreach (var name in overlay.Restricted ?? [])
        {
            Users.Permissions.Restrict(name);
        }

        foreach (var permission in overlay.Permissions ?? [])
        {
            try
            {
                Users.Permissions.Set(permission.User ?? "", permission.Vhost ?? "", FromDefinition(permission));
            }
            catch (FormatException bad)
            {
                throw new ArgumentException($"users file '{_path}' is not valid: user '{permission.User}' in virtual host '{permission.Vhost}': {bad.Message}", bad);
            }
        }
    }

    // Called under the overlay's lock: changes are rare and the file is small. Writes go to a temporary file
    // renamed over the old one, so a crash never leaves half a file.
    private void Save()
    {
        var overlay = new Overlay(
            [.. _put.Values.OrderBy(u => u.Name, StringComparer.Ordinal)],
            [.. _removed.Order(StringComparer.Ordinal)],
            Users.Permissions.RestrictedUsers(),
            ListPermissions());
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(overlay, ManagementJson.Options));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record Overlay(
        IReadOnlyList<UserDefinition>? Users,
        IReadOnlyList<string>? Removed,
        IReadOnlyList<string>? Restricted,
        IReadOnlyList<PermissionDefinition>? Permissions);
}
