using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Routing;

internal sealed partial class RoutingTable
{
    /// <summary>Declares an exchange, or checks that an existing one has the same settings.</summary>
    public RoutingTable DeclareExchange(string name, ExchangeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (IsDefaultExchange(name))
        {
            throw BrokerException.AccessRefused("The default exchange cannot be redeclared.");
        }

        if (_exchanges.TryGetValue(name, out var existing))
        {
            return existing.Settings.Equivalent(settings)
                ? this
                : throw BrokerException.PreconditionFailed($"Exchange '{name}' exists with other settings ({Describe(existing.Settings)}); cannot redeclare it as {Describe(settings)}.");
        }

        if (name.StartsWith("amq.", StringComparison.Ordinal))
        {
            throw BrokerException.AccessRefused($"Exchange names starting with 'amq.' are reserved ('{name}').");
        }

        var routerType = ExchangeRouterTypes.Of(settings);
        if (routerType == ExchangeType.Headers && settings.Arguments is not null)
        {
            HeadersRouter.ParseMatch(settings.Arguments);
        }

        var exchanges = CopyExchanges();
        exchanges.Add(name, new ExchangeEntry(name, settings, ExchangeRouter.Create(routerType)));
        return new RoutingTable(exchanges, _queues);
    }

    public RoutingTable DeleteExchange(string name, bool ifUnused)
    {
        if (IsDefaultExchange(name) || name.StartsWith("amq.", StringComparison.Ordinal))
        {
            throw BrokerException.AccessRefused($"Exchange '{(name.Length == 0 ? "(default)" : name)}' is predeclared and cannot be deleted.");
        }

        if (!_exchanges.TryGetValue(name, out var entry))
        {
            return this;
        }

        if (ifUnused && entry.Router.Bindings.Count > 0)
        {
            throw BrokerException.PreconditionFailed($"Exchange '{name}' has {entry.Router.Bindings.Count} binding(s); not deleted (if-unused).");
        }

        var exchanges = CopyExchanges();
        exchanges.Remove(name);
        RemoveDestination(exchanges, Destination.Exchange(name));
        return new RoutingTable(exchanges, _queues);
    }

    public RoutingTable AddQueue(IQueueEndpoint queue) => new(_exchanges, _queues.SetItem(queue));

    /// <summary>Adds many queues in one change: recovery restores a virtual host's queues at once.</summary>
    public RoutingTable AddQueues(IEnumerable<IQueueEndpoint> queues) => new(_exchanges, _queues.SetItems(queues));

    /// <summary>Removes a queue and every binding to it.</summary>
    public RoutingTable RemoveQueue(string name)
    {
        if (!_queues.ContainsKey(name))
        {
            return this;
        }

        // Most queues are bound to few exchanges: copy the exchanges only when some binding names the queue.
        var destination = Destination.Queue(name);
        var exchanges = _exchanges;
        if (Bindings.Any(b => b.Destination == destination))
        {
            exchanges = CopyExchanges();
            RemoveDestination(exchanges, destination);
        }

        return new RoutingTable(exchanges, _queues.Remove(name));
    }

    /// <summary>Adds a binding; binding twice is harmless.</summary>
    public RoutingTable Bind(Binding binding)
    {
        var source = RequireBindable(binding.Source, "source");
        if (binding.Destination.Kind == DestinationKind.Queue ? !_queues.ContainsKey(binding.Destination.Name) : !_exchanges.ContainsKey(binding.Destination.Name))
        {
            throw BrokerException.NotFound($"Cannot bind to {binding.Destination}: it does not exist.");
        }

        if (binding.Destination.Kind == DestinationKind.Exchange)
        {
            RequireBindable(binding.Destination.Name, "destination");
        }

        if (source.RouterType == ExchangeType.Headers)
        {
            HeadersRouter.ParseMatch(binding.Arguments);
        }

        if (source.Router.Bindings.Contains(binding))
        {
            return this;
        }

        var exchanges = CopyExchanges();
        var changed = source.WithClonedRouter();
        changed.Router.Add(binding);
        exchanges[source.Name] = changed;
        return new RoutingTable(exchanges, _queues);
    }

    /// <summary>Removes a binding; an auto-delete source exchange left without bindings is deleted.</summary>
    public RoutingTable Unbind(Binding binding)
    {
        var source = RequireBindable(binding.Source, "source");
        if (!source.Router.Bindings.Contains(binding))
        {
            return this;
        }

        var exchanges = CopyExchanges();
        var changed = source.WithClonedRouter();
        changed.Router.Remove(binding);
        exchanges[source.Name] = changed;
        DropIfAutoDeleteAndUnused(exchanges, changed);
        return new RoutingTable(exchanges, _queues);
    }

    private static void RemoveDestination(Dictionary<string, ExchangeEntry> exchanges, Destination destination)
    {
        foreach (var entry in exchanges.Values.ToList())
        {
            var stale = entry.Router.Bindings.Where(b => b.Destination == destination).ToList();
            if (stale.Count == 0)
            {
                continue;
            }

            var changed = entry.WithClonedRouter();
            foreach (var binding in stale)
            {
                changed.Router.Remove(binding);
            }

            exchanges[entry.Name] = changed;
            DropIfAutoDeleteAndUnused(exchanges, changed);
        }
    }

    private static void DropIfAutoDeleteAndUnused(Dictionary<string, ExchangeEntry> exchanges, ExchangeEntry entry)
    {
        if (entry.Settings.AutoDelete && entry.Router.Bindings.Count == 0)
        {
            exchanges.Remove(entry.Name);
        }
    }

    private static string Describe(ExchangeSettings s) =>
        $"type={s.Type.ToString().ToLowerInvariant()}, durable={s.Durable}, auto-delete={s.AutoDelete}, internal={s.Internal}";

    private ExchangeEntry RequireBindable(string name, string role)
    {
        if (IsDefaultExchange(name))
        {
            throw BrokerException.AccessRefused($"The default exchange cannot be a binding {role}; it routes by queue name.");
        }

        return _exchanges.TryGetValue(name, out var entry)
            ? entry
            : throw BrokerException.NotFound($"Cannot bind: {role} exchange '{name}' does not exist.");
    }

    private Dictionary<string, ExchangeEntry> CopyExchanges() => new(_exchanges, StringComparer.Ordinal);
}
