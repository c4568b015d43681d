using ActorBroker.Broker.Messages;
using ActorBroker.Client.Protocol;
using ActorBroker.Client.Serialization;

namespace ActorBroker.Client.Tests.Embedded;

public class SerializerRegistrationTests : EmbeddedSpec
{
    [Fact]
    public void The_client_protocols_serializer_has_an_identifier_of_its_own_beside_the_brokers_wire_serializer()
    {
        // A node finds the serializer of a message it receives by the identifier on the wire: one shared with the
        // broker's own wire serializer would decode a client's message with the wrong one.
        var client = Sys.Serialization.FindSerializerFor(Done.Instance);
        var broker = Sys.Serialization.FindSerializerForType(typeof(Message));

        Assert.IsType<ClientProtocolSerializer>(client);
        Assert.NotEqual(broker.Identifier, client.Identifier);
        Assert.Same(Done.Instance, Sys.Serialization.Deserialize(client.ToBinary(Done.Instance), ClientProtocolSerializer.Id, "Done"));
    }
}
