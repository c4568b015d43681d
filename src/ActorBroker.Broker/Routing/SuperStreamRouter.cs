using System.Globalization;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Streams;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// A super stream's exchange: partition i is the destination bound with binding key "i"; a message goes to the
/// partition its routing key hashes to (<see cref="SuperStreams.PartitionOf"/>), among as many partitions as the
/// highest bound index + 1. Bindings with other keys route nothing.
/// </summary>
internal sealed class SuperStreamRouter : ExchangeRouter
{
    private readonly List<Destination?> _partitions = [];

    public override void Route(Message message, RouteResult result)
    {
        if (_partitions.Count > 0 && _partitions[SuperStreams.PartitionOf(message.RoutingKey, _partitions.Count)] is { } partition)
        {
            result.Add(partition);
        }
    }

    protected override void OnAdded(Binding binding)
    {
        if (PartitionIndex(binding) is not { } index)
        {
            return;
        }

        while (_partitions.Count <= index)
        {
            _partitions.Add(null);
        }

        _partitions[index] = binding.Destination;
    }

    protected override void OnRemoved(Binding binding)
    {
        if (PartitionIndex(binding) is { } index && index < _partitions.Count && _partitions[index] == binding.Destination)
        {
            _partitions[index] = null;
            while (_partitions.Count > 0 && _partitions[^1] is null)
            {
                _partitions.RemoveAt(_partitions.Count - 1);
            }
        }
    }

    private static int? PartitionIndex(Binding binding) =>
        int.TryParse(binding.RoutingKey, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < SuperStreams.MaxPartitions ? index : null;
}
