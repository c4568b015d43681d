using System.Text.Json;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// Changes to the node's users made at run time (the management API's user routes, definitions import), kept
/// in <c>users.json</c> in the data directory so that they survive a restart. The file is an overlay on the
/// config's <c>actorbroker.users</c>: at start it is applied after them, its users added or replacing those of
/// the config, and the names it lists as removed taken away (so a config user deleted at run time stays deleted).
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
            return new NodeUser(user.Name, PasswordHash.Parse(user.PasswordHash ?? ""), [.. user.Tags ?? []], user.LoopbackOnly);
        }
        catch (ArgumentException bad)
        {
            // PasswordHash names its parameter; the reader of an import error or users.json has no use for that.
            throw new FormatException(bad.Message.Replace($" (Parameter '{bad.ParamName}')", "", StringComparison.Ordinal), bad);
        }
    }

    /// <summary>Adds or replaces a user and saves the overlay; true when the user is new.</summary>
    /// <exception cref="IOException">The overlay could not be written (the change is in effect until the node stops).</exception>
    public bool Put(NodeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_overlayLock)
        {
            var added = Users.Put(user);
            _put[user.Name] = ToDefinition(user);
            _removed.Remove(user.Name);
            Save();
            return added;
        }
    }

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
    }

    // Called under the overlay's lock: changes are rare and the file is small. Writes go to a temporary file
    // renamed over the old one, so a crash never leaves half a file.
    private void Save()
    {
        var overlay = new Overlay([.. _put.Values.OrderBy(u => u.Name, StringComparer.Ordinal)], [.. _removed.Order(StringComparer.Ordinal)]);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(overlay, ManagementJson.Options));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record Overlay(IReadOnlyList<UserDefinition>? Users, IReadOnlyList<string>? Removed);
}
