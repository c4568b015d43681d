using System.Text.Json;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// Changes to the node's users and their permissions made at run time (the management API's user and permission
/// routes, definitions import), kept in <c>users.json</c> in the data directory so that they survive a restart.
/// The file is an overlay on the config's <c>actorbroker.users</c>: at start it is applied after them, its users
/// added or replacing those of the config, and the names it lists as removed taken away (so a config user deleted
/// at run time stays deleted). It holds the permissions of every restricted user (<see cref="PermissionTable"/>);
/// a file written before permissions existed holds none, so its users keep full permissions.
/// </summary>
public sealed class UserStore
{
    private const string FileName = "users.json";

    private readonly string _path;
    private readonly Lock _overlayLock = new();
    private readonly Dictionary<string, UserDefinition> _put = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    private UserStore(string path, ConfiguredUsers users)
    {
        _path = path;
        Users = users;
    }

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
