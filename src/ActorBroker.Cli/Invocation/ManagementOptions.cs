using System.CommandLine;
using ActorBroker.Cli.Output;

namespace ActorBroker.Cli.Invocation;

/// <summary>
/// The options every management command takes: where the node is, who to log in as, which vhost, which output.
/// Unset options fall back to ACTORBROKER_URL, ACTORBROKER_USER and ACTORBROKER_PASSWORD, then to the defaults;
/// the password's value is never shown in help.
/// </summary>
internal sealed class ManagementOptions
{
    public const string DefaultUrl = "http://127.0.0.1:15672";

    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The node's management API [env: ACTORBROKER_URL, default: {DefaultUrl}]",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> User { get; } = new("--user", "-u")
    {
        Description = "User name [env: ACTORBROKER_USER, default: guest]",
        Recursive = true,
    };

    public Option<string> Password { get; } = new("--password", "-p")
    {
        Description = "Password [env: ACTORBROKER_PASSWORD, default: guest]",
        Recursive = true,
    };

    public Option<string> Vhost { get; } = new("--vhost")
    {
        Description = "Virtual host",
        DefaultValueFactory = _ => "/",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = OutputOption.Create();

    /// <summary>Adds the options to a command group; they apply to all its subcommands.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(User);
        command.Options.Add(Password);
        command.Options.Add(Vhost);
        command.Options.Add(Output);
    }

    public ManagementSettings Read(ParseResult parseResult)
    {
        var urlText = parseResult.GetValue(Url) ?? Environment.GetEnvironmentVariable("ACTORBROKER_URL") ?? DefaultUrl;
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
            throw new CliUsageException($"not a management URL: '{urlText}' (expected http://host:port)");
        return new ManagementSettings(
            url,
            parseResult.GetValue(User) ?? Environment.GetEnvironmentVariable("ACTORBROKER_USER") ?? "guest",
            parseResult.GetValue(Password) ?? Environment.GetEnvironmentVariable("ACTORBROKER_PASSWORD") ?? "guest",
            parseResult.GetValue(Vhost)!);
    }
}

/// <summary>The resolved connection settings of one invocation.</summary>
internal sealed record ManagementSettings(Uri Url, string User, string Password, string Vhost);

/// <summary>The <c>--output table|json</c> option.</summary>
internal static class OutputOption
{
    public static Option<OutputFormat> Create() => new("--output", "-o")
    {
        Description = "table (for people) or json (the API's resources, one per line, nothing else on stdout)",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };
}
