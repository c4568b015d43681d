using System.Net;
using System.Net.Http.Json;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

public sealed class AuthenticationTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    [Fact]
    public async Task A_request_without_credentials_gets_401_with_a_basic_challenge()
    {
        using var client = node.Anonymous();
        using var response = await client.GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var error = await response.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options);
        Assert.Equal("unauthorized", error!.Error);
    }

    [Fact]
    public async Task A_wrong_password_gets_401()
    {
        using var client = node.ClientAs("guest", "not-the-password");
        using var response = await client.GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_reads_the_overview()
    {
        var overview = await node.Admin.GetFromJsonAsync<Overview>("/api/overview", ManagementJson.Options);

        Assert.Equal("actorbroker@localhost", overview!.Node);
        Assert.False(string.IsNullOrEmpty(overview.Version));
        Assert.True(overview.UptimeSeconds > 0);
    }

    [Fact]
    public async Task Whoami_names_the_user_and_its_tags()
    {
        using var client = node.ClientAs("watcher", "watcher");
        var me = await client.GetFromJsonAsync<WhoAmI>("/api/whoami", ManagementJson.Options);

        Assert.Equal("watcher", me!.Name);
        Assert.Equal(["monitoring"], me.Tags);
    }

    [Fact]
    public async Task A_monitoring_user_may_read_but_gets_403_on_a_write()
    {
        using var client = node.ClientAs("watcher", "watcher");
        using var read = await client.GetAsync("/api/overview");
        using var write = await client.PutAsJsonAsync("/api/vhosts/watched", new { });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var error = await write.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options);
        Assert.Equal("forbidden", error!.Error);
        Assert.Contains("administrator", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_management_tags_gets_403_even_on_reads()
    {
        using var client = node.ClientAs("nobody", "nobody");
        using var response = await client.GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
