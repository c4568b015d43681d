using System.Globalization;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Streams;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHostActor
{
    /// <summary>
    /// Declares a super stream: its N partition streams (an existing stream of a partition's name is taken as it is),
    /// the exchange, and the binding of partition i with binding key "i"; replies once all of it is journaled.
    /// Redeclaring with the same settings changes nothing.
    /// </summary>
    private async Task DeclareSuperStreamAsync(VirtualHostProtocol.DeclareExchange declare)
    {
        var replyTo = Sender;
        try
        {
            var (name, settings) = (declare.Name, declare.Settings);
            var partitions = SuperStreams.Partitions(name, settings.Arguments);
            if (!settings.Durable || settings.AutoDelete)
            {
                throw BrokerException.PreconditionFailed($"super stream '{name}' must be durable and not auto-delete: its partitions are streams");
            }

            // Checks the name and an existing exchange's settings before any partition is made.
            var checkedRouting = _host.Routing.DeclareExchange(name, settings);
            if (ReferenceEquals(checkedRouting, _host.Routing))
            {
                replyTo.Tell(VirtualHostProtocol.Done.Instance);
                return;
            }

            var partitionDeclaration = new QueueDeclaration(Durable: true, Arguments: SuperStreams.PartitionArguments(settings.Arguments));
            for (var i = 0; i < partitions; i++)
            {
                await DeclarePartitionAsync(name, i, partitionDeclaration).ConfigureAwait(true);
            }

            _host.Routing = _host.Routing.DeclareExchange(name, settings);
            await JournalAsync(new DeclarationRecord.ExchangeDeclared(name, settings)).ConfigureAwait(true);
            for (var i = 0; i < partitions; i++)
            {
                var binding = new Binding(name, Destination.Queue(SuperStreams.PartitionName(name, i)), i.ToString(CultureInfo.InvariantCulture), null);
                _host.Routing = _host.Routing.Bind(binding);
                await JournalAsync(new DeclarationRecord.Bound(binding)).ConfigureAwait(true);
            }

            replyTo.Tell(VirtualHostProtocol.Done.Instance);
        }
        catch (BrokerException error)
        {
            replyTo.Tell(new Status.Failure(error));
        }
    }

    private async Task DeclarePartitionAsync(string superStream, int partition, QueueDeclaration declaration)
    {
        var name = SuperStreams.PartitionName(superStream, partition);
        if (_host.Routing.TryGetQueue(name, out var existing))
        {
            if (((QueueEndpoint)existing).Arguments.Type != QueueType.Stream)
            {
                throw BrokerException.PreconditionFailed($"queue '{name}' exists and is not a stream: it cannot be partition {partition} of super stream '{superStream}'");
            }

            return;
        }

        await DeclareAsync(new VirtualHostProtocol.DeclareQueue(name, declaration, Passive: false, ConnectionId: 0, ActorRefs.Nobody)).ConfigureAwait(true);
    }

    private async Task JournalAsync(DeclarationRecord record)
    {
        if (_host.Journal is { } journal)
        {
            await journal.WriteAsync(record).ConfigureAwait(true);
        }
    }
}
