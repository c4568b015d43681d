using System.Globalization;
using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
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
            Replicate(new TopologyChange.ExchangeDeclared(name, settings));
            await JournalAsync(new DeclarationRecord.ExchangeDeclared(name, settings)).ConfigureAwait(true);
            for (var i = 0; i < partitions; i++)
            {
                var binding = new Binding(name, Destination.Queue(SuperStreams.PartitionName(name, i)), i.ToString(CultureInfo.InvariantCulture), null);
                _host.Routing = _host.Routing.Bind(binding);
                Replicate(new TopologyChange.Bound(binding));
                await JournalAsync(new DeclarationRecord.Bound(binding)).ConfigureAwait(true);
            }

            ReplyWhenReplicated(replyTo, VirtualHostProtocol.Done.Instance);
        }
        catch (BrokerException error)
        {
            replyTo.Tell(new Status.Failure(error));
        }
    }

    /// <summary>
    /// Deletes a super stream with its partitions (the streams bound to it), as RabbitMQ deletes a super stream: they
    /// exist only as its parts. With if-unused, nothing is deleted while a partition has consumers (the partitions'
    /// own bindings do not count as use). Replies once every deletion is journaled.
    /// </summary>
    private async Task DeleteSuperStreamAsync(VirtualHostProtocol.DeleteExchange delete)
    {
        var replyTo = Sender;
        try
        {
            _host.Routing.TryGetExchange(delete.Name, out var exchange);
            var partitions = exchange.Router.Bindings
                .Where(b => b.Destination.Kind == DestinationKind.Queue && _host.Routing.TryGetQueue(b.Destination.Name, out var queue) && ((QueueEndpoint)queue).Arguments.Type == QueueType.Stream)
                .Select(b => b.Destination.Name)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (delete.IfUnused)
            {
                foreach (var partition in partitions)
                {
                    var info = _host.Routing.TryGetQueue(partition, out var queue)
                        ? await ((QueueEndpoint)queue).Actor.AskFor<QueueInfo>(new QueueProtocol.GetInfo(), _options.OperationTimeout).ConfigureAwait(true)
                        : null;
                    if (info is { Consumers: > 0 })
                    {
                        throw BrokerException.PreconditionFailed($"Partition '{partition}' of super stream '{delete.Name}' has {info.Consumers} consumer(s); not deleted (if-unused).");
                    }
                }
            }

            _host.Routing = _host.Routing.DeleteExchange(delete.Name, ifUnused: false);
            Replicate(new TopologyChange.ExchangeDeleted(delete.Name));
            await JournalAsync(new DeclarationRecord.ExchangeDeleted(delete.Name)).ConfigureAwait(true);
            foreach (var partition in partitions)
            {
                if (await RemoveDurablyAsync(partition).ConfigureAwait(true) is { } failure)
                {
                    replyTo.Tell(failure);
                    return;
                }
            }

            ReplyWhenReplicated(replyTo, VirtualHostProtocol.Done.Instance);
        }
        catch (BrokerException error)
        {
            replyTo.Tell(new Status.Failure(error));
        }
    }

    private bool IsSuperStream(string exchange) => _host.Routing.TryGetExchange(exchange, out var entry) && entry.Settings.Type == ExchangeType.SuperStream;

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
