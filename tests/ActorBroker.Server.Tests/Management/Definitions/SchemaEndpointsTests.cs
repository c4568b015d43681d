using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management.Definitions;

public sealed class SchemaEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private static SchemaRegistration Requiring(string property) =>
        new(JsonNode.Parse($$"""{"type": "object", "required": ["{{property}}"]}"""));

    [Fact]
    public async Task A_schema_is_registered_versioned_listed_and_deleted()
    {
        using var created = await node.Admin.PutAsJsonAsync("/api/schemas/%2F/invoice", Requiring("id"), ManagementJson.Options);
        using var same = await node.Admin.PutAsJsonAsync("/api/schemas/%2F/invoice", Requiring("id"), ManagementJson.Options);
        using var changed = await node.Admin.PutAsJsonAsync("/api/schemas/%2F/invoice", Requiring("total"), ManagementJson.Options);
        var one = await node.Admin.GetFromJsonAsync<SchemaResource>("/api/schemas/%2F/invoice", ManagementJson.Options);
        var listed = await node.Admin.GetFromJsonAsync<SchemaResource[]>("/api/schemas/%2F", ManagementJson.Options);
        var everywhere = await node.Admin.GetFromJsonAsync<SchemaResource[]>("/api/schemas", ManagementJson.Options);
        using var deleted = await node.Admin.DeleteAsync("/api/schemas/%2F/invoice");
        using var deletedAgain = await node.Admin.DeleteAsync("/api/schemas/%2F/invoice");
        using var gone = await node.Admin.GetAsync("/api/schemas/%2F/invoice");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new SchemaRegistered("/", "invoice", 1, false), await same.Content.ReadFromJsonAsync<SchemaRegistered>(ManagementJson.Options));
        Assert.Equal(new SchemaRegistered("/", "invoice", 2, true), await changed.Content.ReadFromJsonAsync<SchemaRegistered>(ManagementJson.Options));
        Assert.Equal([1, 2], one!.Versions.Select(v => v.Version));
        Assert.Equal("total", one.Versions[1].Schema["required"]![0]!.GetValue<string>());
        Assert.Contains(listed!, s => s.Name == "invoice");
        Assert.Contains(everywhere!, s => s.Name == "invoice" && s.Vhost == "/");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_document_that_is_not_a_json_schema_is_a_400_naming_the_schema()
    {
        using var response = await node.Admin.PutAsJsonAsync("/api/schemas/%2F/broken", new SchemaRegistration(JsonNode.Parse("""{"type": 12}""")), ManagementJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Schema 'broken'", (await response.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options))!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_for_a_missing_virtual_host_is_a_404()
    {
        using var response = await node.Admin.PutAsJsonAsync("/api/schemas/nowhere/invoice", Requiring("id"), ManagementJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Registering_or_deleting_a_schema_needs_the_configure_permission_on_its_name()
    {
        using (var user = await node.Admin.SendRawAsync(HttpMethod.Put, "/api/users/schemer", """{"password": "secret", "tags": "administrator"}"""))
        {
            await user.AssertStatusAsync(HttpStatusCode.Created);
        }

        (await node.Admin.PutAsJsonAsync("/api/permissions/%2F/schemer", new { configure = "^mine\\.", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        using var schemer = node.ClientAs("schemer", "secret");

        using var allowed = await schemer.PutAsJsonAsync("/api/schemas/%2F/mine.order", Requiring("id"), ManagementJson.Options);
        using var refused = await schemer.PutAsJsonAsync("/api/schemas/%2F/theirs.order", Requiring("id"), ManagementJson.Options);
        using var refusedDelete = await schemer.DeleteAsync("/api/schemas/%2F/theirs.order");

        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Configure access to schema 'theirs.order' in virtual host '/' refused for user 'schemer'.",
            (await refused.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options))!.Reason);
        Assert.Equal(HttpStatusCode.Forbidden, refusedDelete.StatusCode);
    }
}
