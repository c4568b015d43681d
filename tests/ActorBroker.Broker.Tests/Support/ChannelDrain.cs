using System.Text;
using ActorBroker.Broker.Client;

namespace ActorBroker.Broker.Tests.Support;

public static class ChannelDrain
{
    /// <summary>Gets (auto-ack) every message the queue holds now, as text, in order.</summary>
    public static async Task<List<string>> DrainAsync(this BrokerChannel channel, string queue)
    {
        var bodies = new List<string>();
        while ((await channel.GetAsync(queue, autoAck: true)).Delivery is { } delivery)
        {
            bodies.Add(Encoding.UTF8.GetString(delivery.Body.Span));
        }

        return bodies;
    }
}
