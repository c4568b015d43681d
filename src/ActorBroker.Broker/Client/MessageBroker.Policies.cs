using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class MessageBroker
{
    /// <summary>The policies of this broker's virtual hosts: defaults for the arguments of queues whose names match.</summary>
    public BrokerPolicies Policies => new(this);

    /// <summary>The schema registries of this broker's virtual hosts: the contracts queues and exchanges hold messages to.</summary>
    public Schemas.BrokerSchemas Schemas => new(this);

    /// <summary>The virtual host, once its durable topology and policies are recovered.</summary>
    /// <exception cref="Errors.BrokerException">Not found.</exception>
    internal async Task<VirtualHost> FindRecoveredHostAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var host = await Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(name), Options.OperationTimeout).ConfigureAwait(false);
        await RestoreAsync(host).ConfigureAwait(false);
        return host;
    }
}
