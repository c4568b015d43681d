using System.Text.RegularExpressions;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Policies;

/// <summary>
/// A policy of one virtual host: queues whose name matches <see cref="Pattern"/> (a .NET regular expression,
/// unanchored as in RabbitMQ: use <c>^…$</c> for a whole name) take the <see cref="Definition"/> keys
/// (<c>message-ttl</c>, <c>expires</c>, <c>max-length</c>, <c>max-length-bytes</c>, <c>overflow</c>,
/// <c>dead-letter-exchange</c>, <c>dead-letter-routing-key</c>, <c>delivery-limit</c>) for the <c>x-</c>
/// arguments they were not declared with. Of several matching policies the highest <see cref="Priority"/>
/// applies (equal priorities: the first name in ordinal order).
/// </summary>
public sealed class Policy
{
    // A pattern is user input matched against every queue name: bound the time one match may take.
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex _regex;

    /// <exception cref="BrokerException">Invalid argument: empty name, a pattern that is not a regular expression,
    /// an unknown definition key (or <c>max-priority</c>, which only a declaration may set), a value of the wrong type.</exception>
    public Policy(string name, string pattern, PolicyTarget applyTo, int priority, Headers definition)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(definition);
        if (name.Length == 0)
        {
            throw BrokerException.InvalidArgument("A policy needs a name.");
        }

        if (!Enum.IsDefined(applyTo))
        {
            throw BrokerException.InvalidArgument($"Policy '{name}': apply-to {applyTo} is not queues, exchanges or all.");
        }

        try
        {
            _regex = new Regex(pattern, RegexOptions.CultureInvariant, s_matchTimeout);
        }
        catch (ArgumentException bad)
        {
            throw BrokerException.InvalidArgument($"Policy '{name}': pattern '{pattern}' is not a valid regular expression: {bad.Message}");
        }

        PolicyKeys.Validate(name, applyTo, definition);
        Name = name;
        Pattern = pattern;
        ApplyTo = applyTo;
        Priority = priority;
        Definition = new Headers(definition);
    }

    public string Name { get; }

    public string Pattern { get; }

    public PolicyTarget ApplyTo { get; }

    public int Priority { get; }

    /// <summary>The definition keys and values (a copy of what was given).</summary>
    public Headers Definition { get; }

    /// <summary>Whether this policy applies to the queue named <paramref name="queue"/>.</summary>
    public bool AppliesToQueue(string queue)
    {
        if (ApplyTo == PolicyTarget.Exchanges)
        {
            return false;
        }

        try
        {
            return _regex.IsMatch(queue);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern too slow to decide for this name does not apply to it, rather than failing the declaration.
            return false;
        }
    }

    /// <summary>Same name, pattern, target, priority and definition.</summary>
    public bool Equivalent(Policy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && Pattern == other.Pattern && ApplyTo == other.ApplyTo && Priority == other.Priority
            && Definition.ContentEquals(other.Definition);
    }

    public override string ToString() =>
        $"policy '{Name}' pattern='{Pattern}' apply-to={ApplyTo} priority={Priority} definition=[{string.Join(", ", Definition.Select(d => $"{d.Key}={d.Value}"))}]";
}
