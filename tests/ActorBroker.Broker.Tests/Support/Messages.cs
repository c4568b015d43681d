using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Support;

public static class TestMessages
{
    public static Message Text(string body, string routingKey = "key", BasicProperties? properties = null, string exchange = "") =>
        new(exchange, routingKey, properties ?? BasicProperties.Empty, Encoding.UTF8.GetBytes(body));

    public static string BodyText(this Message message) => Encoding.UTF8.GetString(message.Body.Span);
}
