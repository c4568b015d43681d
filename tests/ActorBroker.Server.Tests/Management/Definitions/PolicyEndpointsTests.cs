using System.Net;
using System.Net.Http.Json;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management.Definitions;

public sealed class PolicyEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private static PolicyDefinition Limits(int maxLength) => new("/", "limits", "^capped\\.", "queues", 2, new() { ["max-length"] = maxLength });

    [Fact]
    public async Task A_policy_is_created_replaced_listed_and_deleted()
    {
        using var created = await node.Admin.PutAsJsonAsync("/api/policies/%2F/limits", Limits(10), ManagementJson.Options);
        using var replaced = await node.Admin.PutAsJsonAsync("/api/policies/%2F/limits", Limits(20), ManagementJson.Options);
        var listed = await node.Admin.GetFromJsonAsync<PolicyDefinition[]>("/api/policies/%2F", ManagementJson.Options);
        var everywhere = await node.Admin.GetFromJsonAsync<PolicyDefinition[]>("/api/policies", ManagementJson.Options);
        using var deleted = await node.Admin.DeleteAsync("/api/policies/%2F/limits");
        using var deletedAgain = await node.Admin.DeleteAsync("/api/policies/%2F/limits");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        var policy = Assert.Single(listed!);
        Assert.Equal(("limits", "^capped\\.", "queues", 2, 20L), (policy.Name, policy.Pattern, policy.ApplyTo, policy.Priority, policy.Definition["max-length"]!.GetValue<long>()));
        Assert.Contains(everywhere!, p => p.Name == "limits" && p.Vhost == "/");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Fact]
    public async Task A_bad_pattern_or_apply_to_is_a_400_naming_the_policy()
    {
        using var badPattern = await node.Admin.PutAsJsonAsync("/api/policies/%2F/broken", Limits(1) with { Name = "broken", Pattern = "(" }, ManagementJson.Options);
        using var badTarget = await node.Admin.PutAsJsonAsync("/api/policies/%2F/broken", Limits(1) with { Name = "broken", ApplyTo = "streams" }, ManagementJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, badPattern.StatusCode);
        Assert.Contains("Policy 'broken'", (await badPattern.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options))!.Reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badTarget.StatusCode);
        Assert.Contains("streams", (await badTarget.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options))!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_for_a_missing_virtual_host_is_a_404()
    {
        using var response = await node.Admin.PutAsJsonAsync("/api/policies/nowhere/limits", Limits(1) with { Vhost = "nowhere" }, ManagementJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
