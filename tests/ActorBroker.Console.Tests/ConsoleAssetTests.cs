using System.Net;
using ActorBroker.Server.Tests.Management;

namespace ActorBroker.Console.Tests;

/// <summary>How the node serves the console's files, over plain HTTP (no browser needed).</summary>
public sealed class ConsoleAssetTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    [Fact]
    public async Task The_page_is_served_at_the_root_without_credentials_and_runs_only_its_own_scripts()
    {
        using var client = node.Anonymous();

        using var response = await client.GetAsync("/");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/console/app.js\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_script_is_served_as_javascript_and_revalidated_by_its_etag()
    {
        using var client = node.Anonymous();
        using var first = await client.GetAsync("/console/app.js");
        await first.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType!.MediaType);
        Assert.True(first.Headers.CacheControl!.NoCache);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await client.SendAsync(again);

        await revalidated.AssertStatusAsync(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task An_unknown_console_file_is_a_404_and_the_api_still_needs_credentials()
    {
        using var client = node.Anonymous();

        using var missing = await client.GetAsync("/console/nothing.js");
        using var api = await client.GetAsync("/api/overview");

        Assert.Equal("not_found", (await missing.ErrorAsync(HttpStatusCode.NotFound)).Error);
        await api.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }
}
