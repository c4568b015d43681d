using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Policies;

/// <summary>
/// The keys a policy definition may hold and the queue argument each stands for. Ranges are checked by
/// <see cref="QueueArguments"/>, so a policy accepts exactly the values a declaration would.
/// </summary>
internal static class PolicyKeys
{
    private static readonly Dictionary<string, (string Argument, FieldKind Kind)> s_queueKeys = new(StringComparer.Ordinal)
    {
        ["message-ttl"] = ("x-message-ttl", FieldKind.Integer),
        ["expires"] = ("x-expires", FieldKind.Integer),
        ["max-length"] = ("x-max-length", FieldKind.Integer),
        ["max-length-bytes"] = ("x-max-length-bytes", FieldKind.Integer),
        ["overflow"] = ("x-overflow", FieldKind.String),
        ["dead-letter-exchange"] = ("x-dead-letter-exchange", FieldKind.String),
        ["dead-letter-routing-key"] = ("x-dead-letter-routing-key", FieldKind.String),
        ["delivery-limit"] = ("x-delivery-limit", FieldKind.Integer),
        ["schema"] = (Schemas.MessageSchema.Argument, FieldKind.String),
    };

    /// <summary>The queue argument (<c>x-…</c>) that <paramref name="key"/> supplies.</summary>
    public static string ArgumentOf(string key) => s_queueKeys[key].Argument;

    /// <exception cref="BrokerException">Invalid argument: an empty definition, an unknown key, a key that does not
    /// apply to <paramref name="target"/>, or a value of the wrong type or range.</exception>
    public static void Validate(string policy, PolicyTarget target, Headers definition)
    {
        if (definition.Count == 0)
        {
            throw Invalid(policy, "its definition is empty; give at least one key");
        }

        foreach (var (key, value) in definition)
        {
            if (key == "max-priority")
            {
                throw Invalid(policy, "'max-priority' cannot be set by a policy (as in RabbitMQ); declare the queue with the x-max-priority argument");
            }

            if (!s_queueKeys.TryGetValue(key, out var known))
            {
                throw Invalid(policy, $"unknown definition key '{key}'; known keys are {string.Join(", ", s_queueKeys.Keys)}");
            }

            if (target == PolicyTarget.Exchanges)
            {
                throw Invalid(policy, $"key '{key}' applies to queues, but the policy applies to exchanges only");
            }

            if (value.Kind != known.Kind)
            {
                throw Invalid(policy, $"key '{key}' = {value} is {value.Kind}; expected {known.Kind}");
            }

            try
            {
                QueueArguments.Parse(new Headers { [known.Argument] = value });
            }
            catch (BrokerException range)
            {
                throw Invalid(policy, $"key '{key}': {range.Message}");
            }
        }
    }

    private static BrokerException Invalid(string policy, string reason) => BrokerException.InvalidArgument($"Policy '{policy}': {reason}.");
}
