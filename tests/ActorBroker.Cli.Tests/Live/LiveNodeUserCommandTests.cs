using System.Text.Json;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests.Live;

[Collection(LiveNode.Name)]
public sealed class LiveNodeUserCommandTests(LiveNode node)
{
    private static T Json<T>(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return JsonSerializer.Deserialize<T>(result.Stdout, ManagementJson.Options)!;
    }

    [Fact]
    public async Task A_user_is_added_given_permissions_listed_cleared_and_deleted()
    {
        var user = "cli-user-" + Guid.NewGuid().ToString("N")[..8];

        var added = await node.RunAsync("users", "add", user, "--tags", "monitoring", "--new-password", "pw");
        Assert.Equal((0, $"Put user '{user}'."), (added.ExitCode, added.Stdout.Trim()));
        var listed = Json<List<UserDefinition>>(await node.RunAsync("users", "list", "-o", "json")).Single(u => u.Name == user);
        Assert.Equal(["monitoring"], listed.Tags);

        Assert.Equal(0, (await node.RunAsync("permissions", "set", user, "^cli-", "", ".*")).ExitCode);
        var permissions = Json<List<PermissionDefinition>>(await node.RunAsync("permissions", "list", "-o", "json"));
        Assert.Equal(new PermissionDefinition(user, "/", "^cli-", "", ".*"), Assert.Single(permissions, p => p.User == user));

        Assert.Equal(0, (await node.RunAsync("permissions", "clear", user)).ExitCode);
        Assert.DoesNotContain(await node.Client.ListPermissionsAsync(), p => p.User == user);
        var missing = await node.RunAsync("permissions", "clear", user);
        Assert.Equal(5, missing.ExitCode);

        Assert.Equal(0, (await node.RunAsync("users", "delete", user)).ExitCode);
        Assert.DoesNotContain(await node.Client.ListUsersAsync(), u => u.Name == user);
    }

    [Fact]
    public async Task Adding_a_user_without_saying_its_password_or_no_password_is_a_usage_error()
    {
        var result = await node.RunAsync("users", "add", "cli-nameless-password");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--new-password", result.Stderr, StringComparison.Ordinal);
    }
}
