using System.CommandLine;
using System.Text.Json;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker definitions export|import</c>: the whole deployment as one JSON document.</summary>
internal static class DefinitionsCommand
{
    // A file people read and keep in version control: indented, otherwise the API's conventions.
    private static readonly JsonSerializerOptions s_documentOptions = new(ManagementJson.Options) { WriteIndented = true };

    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("definitions", "Export and import users, vhosts, permissions, queues, exchanges, bindings and policies") { Export(options), Import(options) };
        options.AddTo(command);
        return command;
    }

    private static Command Export(ManagementOptions options)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "Write the document to this file instead of stdout" };
        var command = new Command("export", "Print (or write to --file) the node's definitions as JSON") { file };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var definitions = await context.Client.ExportDefinitionsAsync(cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(file) is not { } target)
            {
                if (context.Output.IsJson)
                    context.Output.WriteJson(definitions);
                else
                    context.Output.WriteText(JsonSerializer.Serialize(definitions, s_documentOptions));
                return ExitCodes.Success;
            }
            await File.WriteAllTextAsync(target.FullName, JsonSerializer.Serialize(definitions, s_documentOptions), cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Exported {Summary(definitions)} to {target.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(ManagementOptions options)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A definitions document, as 'definitions export' writes it" };
        var command = new Command("import", "Create what a definitions document describes; objects that exist already are left as they are") { file };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var source = parseResult.GetValue(file)!;
            var definitions = await ReadAsync(source, cancellationToken).ConfigureAwait(false);
            var created = await ProgressDisplay.RunAsync(
                context.Output,
                $"Importing {Summary(definitions)}",
                null,
                _ => context.Client.ImportDefinitionsAsync(definitions, cancellationToken)).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(created);
                return ExitCodes.Success;
            }
            new TableView<(string Kind, int Created)>()
                .Column("Created", row => row.Kind)
                .Number("Count", row => row.Created)
                .Write(context.Output.Console, [
                    ("users", created.Users), ("vhosts", created.Vhosts), ("queues", created.Queues),
                    ("exchanges", created.Exchanges), ("bindings", created.Bindings), ("policies", created.Policies),
                    ("permissions", created.Permissions), ("schemas", created.Schemas)], "");
            context.Output.Say($"Imported {source.Name}; objects that existed already are not counted.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<Definitions> ReadAsync(FileInfo source, CancellationToken cancellationToken)
    {
        if (!source.Exists)
            throw new CliUsageException($"file not found: {source.FullName}");
        var stream = source.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var definitions = await JsonSerializer.DeserializeAsync<Definitions>(stream, ManagementJson.Options, cancellationToken).ConfigureAwait(false);
                // Missing sections deserialize as null; the node would refuse them with less context.
                if (definitions is null || definitions.Users is null || definitions.Vhosts is null || definitions.Queues is null
                    || definitions.Exchanges is null || definitions.Bindings is null || definitions.Policies is null)
                    throw new CliUsageException($"{source.Name} is not a definitions document: it needs users, vhosts, queues, exchanges, bindings and policies (lists, possibly empty)");
                return definitions;
            }
            catch (JsonException e)
            {
                throw new CliUsageException($"{source.Name} is not a definitions document: {e.Message}");
            }
        }
    }

    private static string Summary(Definitions d) =>
        $"{d.Queues.Count} queues, {d.Exchanges.Count} exchanges, {d.Bindings.Count} bindings, {d.Policies.Count} policies, {d.Users.Count} users, {d.Vhosts.Count} vhosts, {d.Permissions?.Count ?? 0} permissions, {d.Schemas?.Count ?? 0} schemas";
}
