using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker permissions list|set|clear</c>, in the order of rabbitmqctl's set_permissions.</summary>
internal static class PermissionsCommand
{
    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("permissions", "List, set and clear users' permissions in a vhost (administrators only)")
        {
            List(options), Set(options), Clear(options),
        };
        options.AddTo(command);
        return command;
    }

    private static Argument<string> UserArgument() => new("USER") { Description = "The user's name" };

    private static Command List(ManagementOptions options)
    {
        var allVhosts = new Option<bool>("--all-vhosts") { Description = "List the permissions in every vhost, not just --vhost" };
        var command = new Command("list", "List permissions set (a user never restricted has full permissions everywhere and is not listed)") { allVhosts };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var all = parseResult.GetValue(allVhosts);
            var permissions = await context.Client.ListPermissionsAsync(all ? null : context.Vhost, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(permissions);
                return ExitCodes.Success;
            }
            var table = new TableView<PermissionDefinition>();
            if (all)
                table.Column("Vhost", p => p.Vhost ?? "");
            table.Column("User", p => p.User ?? "")
                .Column("Configure", p => p.Configure)
                .Column("Write", p => p.Write)
                .Column("Read", p => p.Read)
                .Write(context.Output.Console, permissions, "No permissions set.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(ManagementOptions options)
    {
        var user = UserArgument();
        var configure = new Argument<string>("CONFIGURE") { Description = "Regular expression of the exchanges and queues the user may declare and delete (\"\" for none, \".*\" for all)" };
        var write = new Argument<string>("WRITE") { Description = "Regular expression of the exchanges and queues the user may publish to and bind to" };
        var read = new Argument<string>("READ") { Description = "Regular expression of the exchanges and queues the user may consume, get, purge and bind from" };
        var command = new Command("set", "Set a user's permissions in --vhost; they apply at once, also to open connections") { user, configure, write, read };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(user)!;
            await context.Client.SetPermissionsAsync(context.Vhost, name, parseResult.GetValue(configure)!, parseResult.GetValue(write)!, parseResult.GetValue(read)!, cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Set the permissions of user '{name}' in vhost '{context.Vhost}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Clear(ManagementOptions options)
    {
        var user = UserArgument();
        var command = new Command("clear", "Take a user's permissions in --vhost away") { user };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(user)!;
            await context.Client.ClearPermissionsAsync(context.Vhost, name, cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Cleared the permissions of user '{name}' in vhost '{context.Vhost}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
