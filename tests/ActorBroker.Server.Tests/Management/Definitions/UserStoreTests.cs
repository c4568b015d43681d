using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management.Definitions;

namespace ActorBroker.Server.Tests.Management.Definitions;

public sealed class UserStoreTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("actorbroker-users-");

    public void Dispose() => _data.Delete(recursive: true);

    private static NodeUser User(string name, string password, params string[] tags) =>
        new(name, PasswordHash.Parse(PasswordHash.Create(password, iterations: 1)), tags);

    private UserStore OpenWithConfigUsers() => UserStore.Open(_data.FullName, new ConfiguredUsers([User("guest", "guest", "administrator"), User("ops", "ops")]));

    [Fact]
    public void Users_added_replaced_and_removed_at_run_time_are_so_again_after_a_restart()
    {
        var store = OpenWithConfigUsers();
        store.Put(User("alice", "alice", "monitoring"), restrictNew: false);
        store.Put(User("ops", "new-password"), restrictNew: false);
        store.Remove("guest");

        var restarted = OpenWithConfigUsers().Users;

        Assert.Equal(["alice", "ops"], restarted.List().Select(u => u.Name));
        Assert.NotNull(restarted.Authenticate("alice", "alice", fromLoopback: true));
        Assert.NotNull(restarted.Authenticate("ops", "new-password", fromLoopback: true));
        Assert.Null(restarted.Authenticate("ops", "ops", fromLoopback: true));
    }

    [Fact]
    public void A_node_that_adopts_another_node_s_users_has_exactly_them_and_their_permissions_also_after_a_restart()
    {
        var other = UserStore.Open(_data.CreateSubdirectory("other").FullName, new ConfiguredUsers([User("guest", "guest", "administrator"), User("ops", "ops")]));
        other.Put(User("alice", "alice-secret"), restrictNew: true);
        other.SetPermissions("alice", "shop", new VirtualHostPermissions("", "^orders$", ".*"));
        other.Remove("ops");
        var store = OpenWithConfigUsers();
        store.Put(User("mallory", "deleted-elsewhere"), restrictNew: false);
        store.SetPermissions("guest", "/", new VirtualHostPermissions("", "", ""));

        store.Adopt(other.ExportState());

        foreach (var users in new[] { store.Users, OpenWithConfigUsers().Users })
        {
            Assert.Equal(["alice", "guest"], users.List().Select(u => u.Name));
            Assert.NotNull(users.Authenticate("alice", "alice-secret", fromLoopback: true));
            Assert.Equal(("", "^orders$", ".*"), users.Permissions.For("alice", "shop") is { } alice ? (alice.Configure, alice.Write, alice.Read) : default);
            Assert.Null(users.Permissions.For("alice", "/"));
            Assert.Same(VirtualHostPermissions.Full, users.Permissions.For("guest", "/"));
        }
    }

    [Fact]
    public void Another_node_s_users_that_do_not_parse_are_refused_and_change_nothing()
    {
        var store = OpenWithConfigUsers();

        Assert.Throws<ArgumentException>(() => store.Adopt("""{"users": [{"name": "x", "password_hash": "not a hash"}]}"""));

        Assert.Equal(["guest", "ops"], store.Users.List().Select(u => u.Name));
    }

    [Fact]
    public void A_user_put_again_after_being_removed_comes_back()
    {
        var store = OpenWithConfigUsers();
        store.Remove("guest");
        store.Put(User("guest", "other"), restrictNew: false);

        Assert.NotNull(OpenWithConfigUsers().Users.Authenticate("guest", "other", fromLoopback: true));
    }

    [Fact]
    public void Permissions_set_and_cleared_at_run_time_are_so_again_after_a_restart()
    {
        var store = OpenWithConfigUsers();
        store.Put(User("carol", "carol"), restrictNew: true);
        store.SetPermissions("ops", "/", new VirtualHostPermissions("^ops-", "", ".*"));
        store.SetPermissions("ops", "staging", VirtualHostPermissions.Full);
        store.ClearPermissions("ops", "staging");

        var restarted = OpenWithConfigUsers().Users.Permissions;

        Assert.Equal(("^ops-", "", ".*"), restarted.For("ops", "/") is { } ops ? (ops.Configure, ops.Write, ops.Read) : default);
        Assert.Null(restarted.For("ops", "staging"));
        Assert.Null(restarted.For("carol", "/"));
        Assert.Same(VirtualHostPermissions.Full, restarted.For("guest", "staging"));
    }

    [Fact]
    public void Users_of_a_users_file_from_before_permissions_keep_full_permissions_everywhere()
    {
        var hash = PasswordHash.Create("alice", iterations: 1);
        File.WriteAllText(Path.Combine(_data.FullName, "users.json"),
            "{\"users\": [{\"name\": \"alice\", \"password_hash\": \"" + hash + "\", \"tags\": [\"monitoring\"]}], \"removed\": []}");

        var users = OpenWithConfigUsers().Users;

        Assert.Same(VirtualHostPermissions.Full, users.Permissions.For("alice", "any"));
        Assert.Same(VirtualHostPermissions.Full, users.Permissions.For("ops", "/"));
    }

    [Fact]
    public void A_corrupt_users_file_stops_the_start_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_data.FullName, "users.json"), "{\"users\": [{\"name\": \"x\", \"password_hash\": \"nope\"}]}");

        var error = Assert.Throws<ArgumentException>(OpenWithConfigUsers);

        Assert.Contains("users.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }
}
