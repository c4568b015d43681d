using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Connections;

internal static class ClientCapabilities
{
    public static bool Has(FieldTable? clientProperties, string name) =>
        clientProperties is not null
        && clientProperties.TryGetValue("capabilities", out var capabilities)
        && capabilities.Kind == FieldValueKind.Table
        && capabilities.AsTable().TryGetValue(name, out var flag)
        && flag.Kind == FieldValueKind.Boolean
        && flag.AsBoolean();
}
