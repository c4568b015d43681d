using System.Net;
using System.Net.Http.Json;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;

namespace ActorBroker.Server.Tests.Management.Definitions;

public sealed class UserEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    [Fact]
    public async Task A_user_put_at_run_time_can_sign_in_and_is_gone_once_deleted()
    {
        var user = new UserDefinition("carol", PasswordHash.Create("secret", iterations: 1), ["administrator"]);

        using var created = await node.Admin.PutAsJsonAsync("/api/users/carol", user, ManagementJson.Options);
        using var carol = node.ClientAs("carol", "secret");
        var me = await carol.GetFromJsonAsync<WhoAmI>("/api/whoami", ManagementJson.Options);
        var listed = await node.Admin.GetFromJsonAsync<UserDefinition[]>("/api/users", ManagementJson.Options);
        using var deleted = await node.Admin.DeleteAsync("/api/users/carol");
        using var afterwards = await carol.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["administrator"], me!.Tags);
        Assert.Contains(listed!, u => u.Name == "carol" && u.PasswordHash == user.PasswordHash);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Theory]
    [InlineData("\"\"", new string[0])]
    [InlineData("\"administrator, monitoring\"", new[] { "administrator", "monitoring" })]
    [InlineData("[\"monitoring\"]", new[] { "monitoring" })]
    public async Task Tags_are_taken_as_rabbitmqs_comma_separated_string_or_as_a_list(string tags, string[] expected)
    {
        var name = "tagged-" + Guid.NewGuid().ToString("N")[..8];

        using var created = await node.Admin.SendRawAsync(HttpMethod.Put, $"/api/users/{name}", $$"""{"password": "pw", "tags": {{tags}}}""");
        var listed = await node.Admin.GetFromJsonAsync<UserDefinition[]>("/api/users", ManagementJson.Options);

        await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(expected, listed!.Single(u => u.Name == name).Tags);
    }

    [Fact]
    public async Task A_password_given_in_clear_is_stored_only_as_a_hash_that_signs_in()
    {
        using var created = await node.Admin.SendRawAsync(HttpMethod.Put, "/api/users/erin", """{"password": "clear-text", "tags": "monitoring"}""");
        using var erin = node.ClientAs("erin", "clear-text");

        var me = await erin.GetFromJsonAsync<WhoAmI>("/api/whoami", ManagementJson.Options);
        var stored = (await node.Admin.GetFromJsonAsync<UserDefinition[]>("/api/users", ManagementJson.Options))!.Single(u => u.Name == "erin");

        Assert.Equal(["monitoring"], me!.Tags);
        Assert.StartsWith("pbkdf2-sha256:", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Null(stored.Password);
    }

    [Fact]
    public async Task A_malformed_password_hash_is_a_400_naming_the_user()
    {
        using var response = await node.Admin.PutAsJsonAsync("/api/users/dave", new UserDefinition("dave", "plain-text", []), ManagementJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("User 'dave'", (await response.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options))!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_may_list_users_because_the_list_holds_password_hashes()
    {
        using var watcher = node.ClientAs("watcher", "watcher");
        using var response = await watcher.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
