using System.Text;
using System.Text.Json;
using Json.Schema;

namespace ActorBroker.Broker.Schemas;

/// <summary>Checks a message body against a virtual host's schema by name.</summary>
internal static class SchemaCheck
{
    private static readonly EvaluationOptions s_verdictOnly = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions s_withErrors = new() { OutputFormat = OutputFormat.List };

    // Enough errors to tell a publisher what to fix, few enough for a header.
    private const int MostErrorsReported = 5;

    /// <summary>Null when <paramref name="body"/> satisfies the newest version of <paramref name="name"/>; otherwise why not.</summary>
    public static string? Violation(SchemaSet schemas, string name, ReadOnlyMemory<byte> body)
    {
        if (schemas.Latest(name) is not { } schema)
        {
            // A name whose schema was deleted refuses every message: a contract that cannot be checked is not met.
            return $"schema '{name}' is not registered in this virtual host";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException notJson)
        {
            return $"the body is not JSON, as schema '{name}' requires: {notJson.Message}";
        }

        using (document)
        {
            // The cheap verdict first; the detailed evaluation only for a message that failed.
            if (schema.Compiled.Evaluate(document.RootElement, s_verdictOnly).IsValid)
            {
                return null;
            }

            return Describe(schema, schema.Compiled.Evaluate(document.RootElement, s_withErrors));
        }
    }

    private static string Describe(MessageSchema schema, EvaluationResults results)
    {
        var text = new StringBuilder($"the body fails schema '{schema.Name}' version {schema.Version}");
        var reported = 0;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var (keyword, error) in detail.Errors ?? new Dictionary<string, string>())
            {
                if (reported++ == MostErrorsReported)
                {
                    return text.Append("; …").ToString();
                }

                var at = detail.InstanceLocation.ToString();
                text.Append(reported == 1 ? ": " : "; ").Append(at.Length == 0 ? "/" : at).Append(' ').Append(keyword).Append(": ").Append(error);
            }
        }

        return text.ToString();
    }
}
