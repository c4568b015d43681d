using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorBroker.Cli.Invocation;

/// <summary>
/// A repeatable <c>KEY=VALUE</c> option for AMQP arguments and headers. A value that reads as JSON (10, true,
/// {"a":1}) keeps its type; anything else is a string, so <c>x-max-length=10</c> is a number and
/// <c>x-queue-type=quorum</c> a string.
/// </summary>
internal static class ArgumentsOption
{
    public static Option<JsonObject?> Create(string name, string description) => new(name)
    {
        Description = description + " (KEY=VALUE, repeatable; numbers, true/false and JSON keep their type)",
        HelpName = "KEY=VALUE",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = Parse,
    };

    private static JsonObject? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
            return null;
        var arguments = new JsonObject();
        foreach (var token in result.Tokens)
        {
            var separator = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                result.AddError($"expected KEY=VALUE, got '{token.Value}'");
                return null;
            }
            arguments[token.Value[..separator]] = Value(token.Value[(separator + 1)..]);
        }
        return arguments;
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
