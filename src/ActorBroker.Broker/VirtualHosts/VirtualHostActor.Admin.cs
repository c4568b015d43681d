using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHostActor
{
    private async Task DeleteEverythingAsync()
    {
        var replyTo = Sender;
        var routing = _host.Routing;
        var writes = new List<Task>();
        if (_host.Journal is { } journal)
        {
            // Bindings between predeclared exchanges survive every other record, so they are unbound explicitly.
            foreach (var binding in routing.Bindings.Where(journal.IsDurable).ToList())
            {
                writes.Add(journal.WriteAsync(new DeclarationRecord.Unbound(binding)));
            }

            foreach (var exchange in routing.Exchanges.Where(e => !RoutingTable.IsPredeclared(e.Name) && journal.IsDurableExchange(e.Name)).ToList())
            {
                writes.Add(journal.WriteAsync(new DeclarationRecord.ExchangeDeleted(exchange.Name)));
            }
        }

        foreach (var queue in routing.Queues.Select(q => q.Name).ToList())
        {
            writes.Add(Remove(queue));
        }

        _host.Routing = RoutingTable.CreateDefault();
        foreach (var delayed in _host.DelayedExchanges.Keys.ToList())
        {
            DiscardDelayedExchange(delayed);
        }

        foreach (var deduplicating in _host.DeduplicatingExchanges.Keys.ToList())
        {
            DiscardDeduplicatingExchange(deduplicating);
        }

        writes.Add(ClearPoliciesAsync());
        writes.Add(ClearSchemasAsync());
        try
        {
            await Task.WhenAll(writes).ConfigureAwait(true);
            if (_host.Journal is { } written)
            {
                // Queue deletions were queued by Remove without a task to await; the writer's barrier covers them.
                await written.Durability.Persistence.Writer.WhenWrittenAsync().ConfigureAwait(true);
            }

            replyTo.Tell(VirtualHostProtocol.Done.Instance);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            replyTo.Tell(new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                $"Virtual host '{_host.Name}' was emptied, but the deletion could not be journaled, so its durable queues may come back after a restart: {error.Message}")));
        }
    }
}
