using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>How an exchange is declared. Redeclaring with different settings fails with a precondition error.</summary>
/// <param name="Type">How the exchange routes.</param>
/// <param name="Durable">Survives a broker restart.</param>
/// <param name="AutoDelete">Deleted when its last binding (as a source) is removed.</param>
/// <param name="Internal">Publishers cannot publish to it directly; only other exchanges route into it.</param>
/// <param name="Arguments">Extra arguments, kept as given.</param>
public sealed record ExchangeSettings(ExchangeType Type, bool Durable = true, bool AutoDelete = false, bool Internal = false, Headers? Arguments = null)
{
    public bool Equivalent(ExchangeSettings other) =>
        Type == other.Type && Durable == other.Durable && AutoDelete == other.AutoDelete && Internal == other.Internal
        && ((Arguments is null || Arguments.Count == 0) ? (other.Arguments is null || other.Arguments.Count == 0) : Arguments.ContentEquals(other.Arguments));
}
