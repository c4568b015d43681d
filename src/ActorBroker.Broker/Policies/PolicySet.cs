using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Policies;

/// <summary>
/// The policies of one virtual host as an immutable snapshot, highest priority first. The host's actor is
/// its only writer; declarations read it to work out a queue's effective arguments.
/// </summary>
internal sealed class PolicySet
{
    private readonly Policy[] _byPriority;

    private PolicySet(Policy[] byPriority) => _byPriority = byPriority;

    public static PolicySet Empty { get; } = new([]);

    public IReadOnlyList<Policy> All => _byPriority;

    public Policy? Find(string name) => Array.Find(_byPriority, p => p.Name == name);

    /// <summary>The set after a journaled change (recovery folds the host's policy journal with it).</summary>
    public static PolicySet Apply(PolicySet policies, object record) => record switch
    {
        PolicyRecord.PolicyDefined set => policies.With(set.Policy),
        PolicyRecord.PolicyRemoved cleared => policies.Without(cleared.Name),
        _ => policies,
    };

    /// <summary>A set with <paramref name="policy"/> added, or replacing the one of the same name.</summary>
    public PolicySet With(Policy policy) => Create(_byPriority.Where(p => p.Name != policy.Name).Append(policy));

    public PolicySet Without(string name) => Create(_byPriority.Where(p => p.Name != name));

    /// <summary>The policy that applies to the queue <paramref name="queue"/>, if any.</summary>
    public Policy? ForQueue(string queue) => Array.Find(_byPriority, p => p.AppliesToQueue(queue));

    /// <summary>
    /// The arguments a queue runs with: those it was declared with, plus the keys of the policy that applies to it
    /// for arguments it was not declared with (the declaration wins, as RabbitMQ does for arguments that conflict).
    /// </summary>
    public Headers? EffectiveQueueArguments(string queue, Headers? declared)
    {
        if (ForQueue(queue) is not { } policy)
        {
            return declared;
        }

        var effective = new Headers(declared ?? Headers.Empty);
        foreach (var (key, value) in policy.Definition)
        {
            var argument = PolicyKeys.ArgumentOf(key);
            if (!effective.ContainsKey(argument))
            {
                effective[argument] = value;
            }
        }

        return effective;
    }

    private static PolicySet Create(IEnumerable<Policy> policies) =>
        new([.. policies.OrderByDescending(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal)]);
}
