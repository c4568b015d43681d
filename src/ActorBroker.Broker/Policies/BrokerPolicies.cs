using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using Akka.Actor;

namespace ActorBroker.Broker.Policies;

/// <summary>
/// The policies of a broker's virtual hosts (<see cref="MessageBroker.Policies"/>). A policy applies to queues
/// declared after it is set, and to every queue when the broker recovers its durable queues; queues that already
/// run keep their arguments until then. With durability, policies are journaled and survive a restart.
/// </summary>
public sealed class BrokerPolicies
{
    private readonly MessageBroker _broker;

    internal BrokerPolicies(MessageBroker broker) => _broker = broker;

    /// <summary>Adds or replaces the policy of that name; returns false when an equivalent one was already set.</summary>
    /// <exception cref="BrokerException">Not found (no such virtual host); internal error (the change could not be journaled).</exception>
    public async Task<bool> SetAsync(string virtualHost, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        var reply = await host.Actor.AskFor<PolicyProtocol.PolicyChanged>(new PolicyProtocol.SetPolicy(policy), _broker.Options.OperationTimeout).ConfigureAwait(false);
        return reply.Changed;
    }

    /// <summary>Removes a policy; returns false when there was none of that name.</summary>
    /// <exception cref="BrokerException">Not found (no such virtual host); internal error (the change could not be journaled).</exception>
    public async Task<bool> ClearAsync(string virtualHost, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        var reply = await host.Actor.AskFor<PolicyProtocol.PolicyChanged>(new PolicyProtocol.ClearPolicy(name), _broker.Options.OperationTimeout).ConfigureAwait(false);
        return reply.Changed;
    }

    /// <summary>The policies of a virtual host, highest priority first.</summary>
    /// <exception cref="BrokerException">Not found (no such virtual host).</exception>
    public async Task<IReadOnlyList<Policy>> ListAsync(string virtualHost)
    {
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        return host.Policies.All;
    }

    /// <summary>The policy that applies to a queue of that name (whether or not the queue exists), or null.</summary>
    /// <exception cref="BrokerException">Not found (no such virtual host).</exception>
    public async Task<Policy?> ForQueueAsync(string virtualHost, string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        return host.Policies.ForQueue(queue);
    }
}
