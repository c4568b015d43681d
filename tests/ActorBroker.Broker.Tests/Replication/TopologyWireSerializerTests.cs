using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Schemas;
using ActorBroker.Broker.Sharding;
using Akka.Serialization;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>Every topology change crosses nodes whole through the broker's binary wire format.</summary>
public sealed class TopologyWireSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Policy s_policy = new("limits", "^q$", PolicyTarget.Queues, 3, new Headers { ["max-length"] = 10L, ["overflow"] = "reject-publish" });

    private static readonly MessageSchema s_schema = MessageSchema.Create("order", 2, """{"type": "object"}""", DateTimeOffset.UnixEpoch.AddDays(1));

    public TopologyWireSerializerTests() => MessageBroker.Start(Sys);

    [Fact]
    public void Every_kind_of_change_comes_back_equal_and_in_order()
    {
        var queue = CreateTestProbe().Ref;
        var binding = new Binding("billing", Destination.Queue("invoices"), "invoice.#", null);
        TopologyChange[] changes =
        [
            new TopologyChange.ExchangeDeclared("billing", new ExchangeSettings(ExchangeType.Topic, Durable: false, AutoDelete: true, Internal: true)),
            new TopologyChange.QueueAdded("invoices", new QueueDeclaration(Durable: true, Exclusive: false, AutoDelete: false), queue, "node/n1/queue/%2F/invoices/3"),
            new TopologyChange.Bound(binding),
            new TopologyChange.Unbound(binding with { Destination = Destination.Exchange("audit") }),
            new TopologyChange.QueueRemoved("invoices"),
            new TopologyChange.ExchangeDeleted("billing"),
        ];

        var back = (TopologyReplicationProtocol.Replicate)RoundTrip(new TopologyReplicationProtocol.Replicate("/", changes));

        Assert.Equal("/", back.VirtualHost);
        Assert.Equal(changes, back.Changes);
    }

    [Fact]
    public void Arguments_of_exchanges_queues_and_bindings_come_back()
    {
        var arguments = new Headers { ["x-max-length"] = 10L, ["x-match"] = "all" };
        var back = (TopologyReplicationProtocol.Snapshot)RoundTrip(new TopologyReplicationProtocol.Snapshot(
        [
            new TopologyChange.ExchangeDeclared("h", new ExchangeSettings(ExchangeType.Headers, Arguments: arguments)),
            new TopologyChange.QueueAdded("q", new QueueDeclaration(Arguments: arguments), CreateTestProbe().Ref, PersistenceId: null),
            new TopologyChange.Bound(new Binding("h", Destination.Queue("q"), "", arguments)),
        ], SawAskerDepart: false, Policies: [s_policy], Schemas: [s_schema, s_schema]));

        Assert.All(
            [((TopologyChange.ExchangeDeclared)back.Changes[0]).Settings.Arguments, ((TopologyChange.QueueAdded)back.Changes[1]).Declaration.Arguments, ((TopologyChange.Bound)back.Changes[2]).Binding.Arguments],
            headers => Assert.True(arguments.ContentEquals(headers)));
        Assert.True(back.Policies.Single().Equivalent(s_policy));
        Assert.All(back.Schemas, schema => Assert.Equal((s_schema.Name, s_schema.Version, s_schema.RegisteredAt), (schema.Name, schema.Version, schema.RegisteredAt)));
        Assert.Equal(2, back.Schemas.Count);
    }

    [Fact]
    public void Requests_and_answers_without_changes_come_back_equal()
    {
        Assert.Equal(new TopologyReplicationProtocol.RequestSnapshot("shop"), RoundTrip(new TopologyReplicationProtocol.RequestSnapshot("shop")));
        Assert.Equal(new TopologyReplicationProtocol.DeleteQueueOnOwner("shop", "q", true, false), RoundTrip(new TopologyReplicationProtocol.DeleteQueueOnOwner("shop", "q", true, false)));
        Assert.Equal(new TopologyReplicationProtocol.QueueDeleted(7), RoundTrip(new TopologyReplicationProtocol.QueueDeleted(7)));
        Assert.Equal(new TopologyReplicationProtocol.Refused(BrokerErrorCode.PreconditionFailed, "busy"), RoundTrip(new TopologyReplicationProtocol.Refused(BrokerErrorCode.PreconditionFailed, "busy")));
        Assert.Equal(new TopologyWriterProtocol.AcquireTurn("shop"), RoundTrip(new TopologyWriterProtocol.AcquireTurn("shop")));
        Assert.Equal(new TopologyWriterProtocol.TurnGranted("shop"), RoundTrip(new TopologyWriterProtocol.TurnGranted("shop")));
        Assert.Equal(new TopologyWriterProtocol.ReleaseTurn("shop"), RoundTrip(new TopologyWriterProtocol.ReleaseTurn("shop")));
        Assert.Same(TopologyReplicationProtocol.Applied.Instance, RoundTrip(TopologyReplicationProtocol.Applied.Instance));
        var policy = (TopologyReplicationProtocol.ReplicatePolicy)RoundTrip(new TopologyReplicationProtocol.ReplicatePolicy("shop", new PolicyRecord.PolicyRemoved("limits")));
        Assert.Equal(("shop", new PolicyRecord.PolicyRemoved("limits")), (policy.VirtualHost, policy.Change));
        var schema = (TopologyReplicationProtocol.ReplicateSchema)RoundTrip(new TopologyReplicationProtocol.ReplicateSchema("shop", new SchemaRecord.SchemaRemoved("order")));
        Assert.Equal(("shop", new SchemaRecord.SchemaRemoved("order")), (schema.VirtualHost, schema.Change));
        Assert.Equal(new TopologyReplicationProtocol.AddVirtualHost("shop"), RoundTrip(new TopologyReplicationProtocol.AddVirtualHost("shop")));
        Assert.Equal(new TopologyReplicationProtocol.DeleteVirtualHost("shop"), RoundTrip(new TopologyReplicationProtocol.DeleteVirtualHost("shop")));
        Assert.Same(TopologyReplicationProtocol.RequestVirtualHosts.Instance, RoundTrip(TopologyReplicationProtocol.RequestVirtualHosts.Instance));
        var names = (TopologyReplicationProtocol.VirtualHostNames)RoundTrip(new TopologyReplicationProtocol.VirtualHostNames(["/", "shop"], SawAskerDepart: true));
        Assert.Equal(["/", "shop"], names.Names);
        Assert.True(names.SawAskerDepart);
        var empty = (TopologyReplicationProtocol.Snapshot)RoundTrip(new TopologyReplicationProtocol.Snapshot([], SawAskerDepart: true, Policies: [], Schemas: []));
        Assert.Empty(empty.Changes);
        Assert.True(empty.SawAskerDepart);
    }

    [Fact]
    public void A_queue_entity_start_and_its_answer_come_back_equal()
    {
        var declaration = new QueueDeclaration(Durable: true, Exclusive: false, AutoDelete: false, Arguments: new Headers { ["x-queue-type"] = "quorum" });
        var start = (QueueEntityProtocol.Start)RoundTrip(new QueueEntityProtocol.Start("shop", "orders", declaration, "node/n1/queue/shop/orders/4",
            new Headers { ["x-queue-type"] = "quorum", ["x-max-length"] = 10 }, RecoversAfterCrash: true));
        var queue = CreateTestProbe().Ref;

        Assert.Equal(("shop", "orders", "node/n1/queue/shop/orders/4", true), (start.VirtualHost, start.Name, start.PersistenceId, start.RecoversAfterCrash));
        Assert.True(declaration.Equivalent(start.Declaration));
        Assert.Equal(10, QueueArguments.Parse(start.EffectiveArguments).MaxLength);
        Assert.Equal(new QueueEntityProtocol.Serving(queue), RoundTrip(new QueueEntityProtocol.Serving(queue)));
    }

    [Fact]
    public void A_truncated_or_unknown_payload_is_refused_clearly()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(TopologyReplicationProtocol.Replicate));
        var bytes = serializer.ToBinary(new TopologyReplicationProtocol.Replicate("/", [new TopologyChange.QueueRemoved("q")]));

        Assert.Throws<InvalidDataException>(() => serializer.FromBinary(bytes[..^2], "r"));
        Assert.Contains("'zz'", Assert.Throws<InvalidDataException>(() => serializer.FromBinary([], "zz")).Message, StringComparison.Ordinal);
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<TopologyWireSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }
}
