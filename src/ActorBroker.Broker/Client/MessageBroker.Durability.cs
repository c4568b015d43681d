using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class MessageBroker
{
    // Recovery replays every durable queue of the host; it may take far longer than an ordinary request.
    private static readonly TimeSpan s_restoreTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Starts a broker in <paramref name="system"/> and, with <see cref="BrokerOptions.Durability"/> set, recovers its
    /// virtual hosts and their durable queues (with their persistent messages), exchanges and bindings before it returns.
    /// The virtual host "/" is created on the first start only: once deleted, it stays deleted.
    /// </summary>
    /// <exception cref="Errors.BrokerException">The journal could not be read.</exception>
    public static async Task<MessageBroker> StartAsync(ActorSystem system, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Durability is not { } durability)
        {
            return Start(system, options);
        }

        var (hosts, journal) = await RecoverVirtualHostsAsync(durability).ConfigureAwait(false);
        var broker = new MessageBroker(system, options, ownsSystem: false, hosts, journal);
        foreach (var name in hosts)
        {
            var host = await broker.Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(name), options.OperationTimeout).ConfigureAwait(false);
            await RestoreAsync(host).ConfigureAwait(false);
        }

        return broker;
    }

    private static async Task<(IReadOnlyCollection<string> Names, VirtualHostJournal Journal)> RecoverVirtualHostsAsync(BrokerDurability durability)
    {
        try
        {
            return await VirtualHostJournal.RecoverAsync(durability).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new BrokerException(BrokerErrorCode.InternalError,
                $"The virtual hosts could not be recovered from journal '{VirtualHostJournal.PersistenceId}': {error.Message}", error);
        }
    }

    private static Task<VirtualHostProtocol.Done> RestoreAsync(VirtualHost host) =>
        host.Actor.AskFor<VirtualHostProtocol.Done>(VirtualHostProtocol.Restore.Instance, s_restoreTimeout);
}
