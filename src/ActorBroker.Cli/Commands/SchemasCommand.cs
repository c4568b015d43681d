using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker schemas list|show|set|delete</c>: the message contracts of a vhost.</summary>
internal static class SchemasCommand
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("schemas", "List, show, register and delete the JSON Schemas that queues and exchanges name with x-schema")
        {
            List(options), Show(options), Set(options), Delete(options),
        };
        options.AddTo(command);
        return command;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = "The schema's name, as x-schema gives it" };

    private static Command List(ManagementOptions options)
    {
        var allVhosts = new Option<bool>("--all-vhosts") { Description = "List the schemas of every vhost, not just --vhost" };
        var command = new Command("list", "List schemas with their newest version") { allVhosts };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var all = parseResult.GetValue(allVhosts);
            var schemas = await context.Client.ListSchemasAsync(all ? null : context.Vhost, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(schemas);
                return ExitCodes.Success;
            }
            var table = new TableView<SchemaResource>();
            if (all)
                table.Column("Vhost", s => s.Vhost);
            table.Column("Name", s => s.Name)
                .Number("Version", s => s.Versions[^1].Version)
                .Column("Registered", s => s.Versions[^1].RegisteredAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "")
                .Write(context.Output.Console, schemas, "No schemas registered.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(ManagementOptions options)
    {
        var name = NameArgument();
        var command = new Command("show", "Print a schema's versions, oldest first") { name };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var schema = await context.Client.GetSchemaAsync(context.Vhost, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(schema);
                return ExitCodes.Success;
            }
            foreach (var version in schema.Versions)
            {
                context.Output.WriteText($"version {version.Version}:");
                context.Output.WriteText(version.Schema.ToJsonString(s_indented));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(ManagementOptions options)
    {
        var name = NameArgument();
        var file = new Argument<FileInfo>("FILE") { Description = "A JSON Schema document (a file holding the schema itself)" };
        var command = new Command("set", "Register a JSON Schema under NAME in --vhost; a document that differs from the newest version becomes a new version") { name, file };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var schemaName = parseResult.GetValue(name)!;
            var document = await ReadAsync(parseResult.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            var registered = await context.Client.RegisterSchemaAsync(context.Vhost, schemaName, document, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(registered);
                return ExitCodes.Success;
            }
            context.Output.Say(registered.Created
                ? $"Registered schema '{schemaName}' version {registered.Version} in vhost '{context.Vhost}'."
                : $"Schema '{schemaName}' in vhost '{context.Vhost}' already has this document as version {registered.Version}; nothing changed.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(ManagementOptions options)
    {
        var name = NameArgument();
        var command = new Command("delete", "Delete every version of a schema; queues and exchanges that still name it refuse every message") { name };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var schemaName = parseResult.GetValue(name)!;
            await context.Client.DeleteSchemaAsync(context.Vhost, schemaName, cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Deleted schema '{schemaName}' from vhost '{context.Vhost}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<JsonNode> ReadAsync(FileInfo source, CancellationToken cancellationToken)
    {
        if (!source.Exists)
            throw new CliUsageException($"file not found: {source.FullName}");
        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(source.FullName, cancellationToken).ConfigureAwait(false))
                ?? throw new CliUsageException($"{source.Name} holds null, not a JSON Schema");
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{source.Name} is not JSON: {e.Message}");
        }
    }
}
