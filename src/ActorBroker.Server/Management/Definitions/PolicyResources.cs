using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Policies;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>Policies as the management API shows and takes them.</summary>
internal static class PolicyResources
{
    public static PolicyDefinition ToDefinition(Policy policy, string vhost) =>
        new(vhost, policy.Name, policy.Pattern, ApplyToName(policy.ApplyTo), policy.Priority, FieldValueJson.ToJson(policy.Definition));

    /// <summary>The policy a definition describes; apply-to defaults to all, as in RabbitMQ.</summary>
    /// <exception cref="ApiException">400 naming the policy and its virtual host: a bad apply-to, pattern, key or value.</exception>
    public static Policy ToPolicy(PolicyDefinition definition)
    {
        var where = $"Policy '{definition.Name}' in virtual host '{definition.Vhost}'";
        if (string.IsNullOrEmpty(definition.Name) || definition.Pattern is null)
        {
            throw ApiException.BadRequest($"{where} needs a name and a pattern.");
        }

        var applyTo = definition.ApplyTo switch
        {
            null or "all" => PolicyTarget.All,
            "queues" => PolicyTarget.Queues,
            "exchanges" => PolicyTarget.Exchanges,
            var other => throw ApiException.BadRequest($"{where}: apply_to '{other}' is not queues, exchanges or all."),
        };
        try
        {
            return new Policy(definition.Name, definition.Pattern, applyTo, definition.Priority,
                FieldValueJson.ToHeaders(definition.Definition, "definition") ?? []);
        }
        catch (BrokerException invalid)
        {
            throw ApiException.BadRequest($"{where}: {invalid.Message}");
        }
    }

    private static string ApplyToName(PolicyTarget target) => target switch
    {
        PolicyTarget.Queues => "queues",
        PolicyTarget.Exchanges => "exchanges",
        _ => "all",
    };
}
