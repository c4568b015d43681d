using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker users list|add|delete</c>.</summary>
internal static class UsersCommand
{
    private const string NewPasswordVariable = "ACTORBROKER_NEW_PASSWORD";

    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("users", "List, add and delete the node's users (administrators only)") { List(options), Add(options), Delete(options) };
        options.AddTo(command);
        return command;
    }

    private static Command List(ManagementOptions options)
    {
        var command = new Command("list", "List users with their tags (never their passwords)");
        command.SetManagementAction(options, async (_, context, cancellationToken) =>
        {
            var users = await context.Client.ListUsersAsync(cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(users);
                return ExitCodes.Success;
            }
            new TableView<UserDefinition>()
                .Column("Name", u => u.Name)
                .Column("Tags", u => string.Join(",", u.Tags ?? []))
                .Column("Password", u => string.IsNullOrEmpty(u.PasswordHash) ? "none (certificate only)" : "set")
                .Column("Loopback only", u => Cells.YesNo(u.LoopbackOnly))
                .Write(context.Output.Console, users, "No users.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(ManagementOptions options)
    {
        var name = new Argument<string>("USER") { Description = "The user's name" };
        var tags = new Option<string>("--tags") { Description = "Comma-separated tags: administrator, monitoring", DefaultValueFactory = _ => "" };
        var password = new Option<string>("--new-password") { Description = $"The user's password [env: {NewPasswordVariable}]; the node keeps only its hash" };
        var noPassword = new Option<bool>("--no-password") { Description = "No password: the user signs in with a client certificate only" };
        var loopbackOnly = new Option<bool>("--loopback-only") { Description = "The user may connect from the loopback interface only" };
        var command = new Command("add", "Add a user, or replace the one of that name (a new user has no permissions until 'permissions set')")
        {
            name, tags, password, noPassword, loopbackOnly,
        };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var user = parseResult.GetValue(name)!;
            var secret = parseResult.GetValue(password) ?? Environment.GetEnvironmentVariable(NewPasswordVariable);
            var withoutPassword = parseResult.GetValue(noPassword);
            var hasPassword = secret is not null;
            if (hasPassword == withoutPassword)
                throw new CliUsageException($"give the new user's password with --new-password or {NewPasswordVariable}, or --no-password, not both");
            var tagList = parseResult.GetValue(tags)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var definition = new UserDefinition(user, withoutPassword ? "" : null, tagList, parseResult.GetValue(loopbackOnly), secret);
            await context.Client.PutUserAsync(definition, cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Put user '{user}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(ManagementOptions options)
    {
        var name = new Argument<string>("USER") { Description = "The user's name" };
        var command = new Command("delete", "Delete a user and its permissions (its open connections stay open)") { name };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var user = parseResult.GetValue(name)!;
            await context.Client.DeleteUserAsync(user, cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Deleted user '{user}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
