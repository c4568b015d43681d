using System.Text.Json;
using System.Text.Json.Nodes;
using ActorBroker.Broker.Errors;
using Json.Schema;

namespace ActorBroker.Broker.Schemas;

/// <summary>One version of a JSON Schema document registered under a name in a virtual host.</summary>
public sealed class MessageSchema
{
    /// <summary>The queue and exchange argument that names the schema their messages must satisfy.</summary>
    public const string Argument = "x-schema";

    /// <summary>The header a message dead-lettered for failing its queue's schema carries: why it failed.</summary>
    public const string ErrorHeader = "x-schema-error";

    private MessageSchema(string name, int version, string document, DateTimeOffset registeredAt, JsonSchema compiled)
    {
        Name = name;
        Version = version;
        Document = document;
        RegisteredAt = registeredAt;
        Compiled = compiled;
    }

    public string Name { get; }

    /// <summary>1 for the first document registered under the name, one more for each different document after it.</summary>
    public int Version { get; }

    /// <summary>The JSON Schema document, as compact JSON text.</summary>
    public string Document { get; }

    public DateTimeOffset RegisteredAt { get; }

    internal JsonSchema Compiled { get; }

    /// <summary>Checks and compiles a JSON Schema document.</summary>
    /// <exception cref="BrokerException">Invalid argument: the name is empty, or the document is not JSON or not a JSON Schema.</exception>
    public static MessageSchema Create(string name, int version, string document, DateTimeOffset registeredAt)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw BrokerException.InvalidArgument("A schema needs a name.");
        }

        ArgumentNullException.ThrowIfNull(document);
        try
        {
            var compact = JsonNode.Parse(document)?.ToJsonString()
                ?? throw BrokerException.InvalidArgument($"Schema '{name}' is null; a JSON Schema is an object or a boolean.");
            // Each schema builds in a registry of its own: two documents (or two versions) with the same $id
            // must not overwrite each other in the library's shared registry.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            return new MessageSchema(name, version, compact, registeredAt, JsonSchema.FromText(compact, options));
        }
        catch (Exception invalid) when (invalid is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException)
        {
            throw BrokerException.InvalidArgument($"Schema '{name}' is not a valid JSON Schema document: {invalid.Message}");
        }
    }

    /// <summary>Whether <paramref name="other"/> is the same document (then registering it makes no new version).</summary>
    public bool SameDocument(string other) => JsonNode.DeepEquals(JsonNode.Parse(Document), JsonNode.Parse(other));
}
