namespace ActorBroker.Broker.Routing;

internal sealed record ExchangeEntry(string Name, ExchangeSettings Settings, ExchangeRouter Router)
{
    public ExchangeEntry WithClonedRouter() => this with { Router = Router.Clone(Settings.Type) };
}
