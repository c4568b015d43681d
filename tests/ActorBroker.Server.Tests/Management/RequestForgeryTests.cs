using System.Net;
using System.Text;

namespace ActorBroker.Server.Tests.Management;

/// <summary>
/// What a hostile page could make a browser send to the node is refused before it changes anything; the
/// node's own console, the CLI and the client (same origin or none, JSON bodies) are not.
/// </summary>
public sealed class RequestForgeryTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    private string OwnOrigin => node.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    public async Task A_state_change_from_another_origin_is_a_403_and_changes_nothing(string origin)
    {
        using var request = Json(HttpMethod.Put, "/api/queues/%2F/forged-origin", """{"durable": false}""");
        request.Headers.Add("Origin", origin);

        using var response = await _api.SendAsync(request);

        var error = await response.ErrorAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", error.Error);
        Assert.Contains(origin, error.Reason, StringComparison.Ordinal);
        await AssertNoQueueAsync("forged-origin");
    }

    [Fact]
    public async Task A_state_change_from_the_nodes_own_origin_is_served()
    {
        using var request = Json(HttpMethod.Put, "/api/queues/%2F/own-origin", """{"durable": false}""");
        request.Headers.Add("Origin", OwnOrigin);

        using var response = await _api.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_a_page_may_send_cross_origin_without_asking_is_a_415_and_changes_nothing(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/queues/%2F/forged-type")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"durable": false}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await _api.SendAsync(request);

        var error = await response.ErrorAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_media_type", error.Error);
        Assert.Contains("application/json", error.Reason, StringComparison.Ordinal);
        await AssertNoQueueAsync("forged-type");
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/exchanges/%2F/amq.default/publish")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"routing_key": "q", "payload": "x"}""")),
        };

        using var response = await _api.SendAsync(request);

        Assert.Equal("unsupported_media_type", (await response.ErrorAsync(HttpStatusCode.UnsupportedMediaType)).Error);
    }

    [Fact]
    public async Task Json_with_a_charset_parameter_is_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/queues/%2F/json-charset")
        {
            Content = new StringContent("""{"durable": false}""", Encoding.UTF8, "application/json"),
        };

        using var response = await _api.SendAsync(request);

        Assert.Equal("utf-8", request.Content.Headers.ContentType!.CharSet);
        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_delete_without_a_body_needs_no_content_type()
    {
        await _api.DeclareQueueAsync("deleted-without-body");

        using var response = await _api.DeleteAsync("/api/queues/%2F/deleted-without-body");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        await AssertNoQueueAsync("deleted-without-body");
    }

    [Fact]
    public async Task A_read_from_another_origin_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/overview");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _api.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private async Task AssertNoQueueAsync(string name)
    {
        using var response = await _api.GetAsync($"/api/queues/%2F/{name}");
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
    }
}
