using System.Net;
using System.Text.Json.Nodes;
using ActorBroker.Cli.Tests.Fakes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests;

public sealed class CliSchemaCommandTests : FakeNodeTests, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-schema-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Schemas_set_sends_the_file_as_the_schema_and_says_which_version_it_made()
    {
        Node.On("PUT", "/api/schemas/%2F/order", HttpStatusCode.Created, new SchemaRegistered("/", "order", 2, true));
        var file = Path.Combine(_dir, "order.json");
        await File.WriteAllTextAsync(file, """{"type": "object", "required": ["id"]}""");

        var result = await RunAsync("schemas", "set", "order", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Registered schema 'order' version 2 in vhost '/'", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("id", Node.Single("PUT", "/api/schemas/%2F/order").Json.GetProperty("schema").GetProperty("required")[0].GetString());
    }

    [Fact]
    public async Task Schemas_set_with_a_file_that_is_not_json_exits_2_before_calling_the_node()
    {
        var file = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(file, "{ not json");

        var result = await RunAsync("schemas", "set", "order", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("broken.json is not JSON", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Node.Requests);
    }

    [Fact]
    public async Task Schemas_list_shows_each_schema_with_its_newest_version()
    {
        var versions = new[] { new SchemaVersion(1, JsonNode.Parse("true")!), new SchemaVersion(2, JsonNode.Parse("""{"type": "object"}""")!) };
        Node.On("GET", "/api/schemas/%2F", HttpStatusCode.OK, new[] { new SchemaResource("/", "order", versions) });

        var result = await RunAsync("schemas", "list");

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(Lines(result.Stdout), line => line.Contains("order", StringComparison.Ordinal));
        Assert.Contains("2", row, StringComparison.Ordinal);
    }
}
