using System.Net;

namespace ActorBroker.Server.Tests.Management;

public sealed class ErrorResponseTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_what_is_wrong()
    {
        using var response = await _api.SendRawAsync(HttpMethod.Put, "/api/queues/%2F/malformed", """{"durable": tru""");

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("bad_request", error.Error);
        Assert.Contains("QueueDeclareRequest", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_argument_that_is_not_a_field_value_is_refused_naming_its_path()
    {
        using var response = await _api.SendRawAsync(HttpMethod.Put, "/api/queues/%2F/odd-args", """{"arguments": {"x-max-length": 1e400}}""");

        await response.ErrorAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=501", "page_size")]
    [InlineData("page=x", "page")]
    [InlineData("sort=colour", "sort")]
    [InlineData("sort_reverse=maybe", "sort_reverse")]
    public async Task A_bad_paging_parameter_is_a_400_naming_it(string query, string parameter)
    {
        using var response = await _api.GetAsync($"/api/queues?{query}");

        Assert.StartsWith(parameter, (await response.ErrorAsync(HttpStatusCode.BadRequest)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_with_an_error_body()
    {
        using var response = await _api.GetAsync("/api/no-such-thing");

        Assert.Equal("not_found", (await response.ErrorAsync(HttpStatusCode.NotFound)).Error);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_with_an_error_body()
    {
        using var response = await _api.PostAsync("/api/overview", null);

        Assert.Equal("method_not_allowed", (await response.ErrorAsync(HttpStatusCode.MethodNotAllowed)).Error);
    }

    [Fact]
    public async Task A_reserved_queue_name_is_refused_with_the_brokers_reason()
    {
        using var response = await _api.PutJsonAsync("/api/queues/%2F/amq.mine", new { durable = false });

        Assert.Contains("amq.", (await response.ErrorAsync(HttpStatusCode.Forbidden)).Reason, StringComparison.Ordinal);
    }
}
