using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
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
        var changes = EveryKindOfChange();

        var back = (TopologyReplicationProtocol.Replicate)RoundTrip(new TopologyReplicationProtocol.Replicate("/", changes));

        Assert.Equal("/", back.VirtualHost);
        Assert.Equal(changes, back.Changes);
    }

    [Fact]
    public void A_snapshot_comes_back_with_every_kind_of_change_its_policies_and_its_schemas_in_order()
    {
        var changes = EveryKindOfChange();
        Policy[] policies = [s_policy, new("dead-letters", "^ha[.]", PolicyTarget.All, 1, new Headers { ["dead-letter-exchange"] = "dlx" })];
        MessageSchema[] schemas = [s_schema, MessageSchema.Create("invoice", 1, """{"type": "string"}""", DateTimeOffset.UnixEpoch.AddDays(2))];

        var back = (TopologyReplicationProtocol.Snapshot)RoundTrip(new TopologyReplicationProtocol.Snapshot(changes, SawAskerDepart: false, policies, schemas));

        Assert.Equal(changes, back.Changes);
        Assert.False(back.SawAskerDepart);
        Assert.Equal(policies.Length, back.Policies.Count);
        Assert.All(policies.Zip(back.Policies), pair => Assert.True(pair.First.Equivalent(pair.Second), $"{pair.Second.Name} came back changed"));
        Assert.Equal(schemas.Select(Described), back.Schemas.Select(Described));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true, "/")]
    [InlineData(false, "/", "shop", "lager-\u00fc")]
    public void Virtual_host_names_come_back_in_order_with_whether_the_asker_departed(bool sawAskerDepart, params string[] names)
    {
        var back = (TopologyReplicationProtocol.VirtualHostNames)RoundTrip(new TopologyReplicationProtocol.VirtualHostNames(names, sawAskerDepart));

        Assert.Equal(names, back.Names);
        Assert.Equal(sawAskerDepart, back.SawAskerDepart);
    }

    [Fact]
    public void A_replicated_policy_and_a_replicated_schema_come_back_whole()
    {
        var policy = (TopologyReplicationProtocol.ReplicatePolicy)RoundTrip(new TopologyReplicationProtocol.ReplicatePolicy("shop", new PolicyRecord.PolicyDefined(s_policy)));
        var schema = (TopologyReplicationProtocol.ReplicateSchema)RoundTrip(new TopologyReplicationProtocol.ReplicateSchema("shop", new SchemaRecord.SchemaAdded(s_schema)));

        Assert.Equal("shop", policy.VirtualHost);
        Assert.True(Assert.IsType<PolicyRecord.PolicyDefined>(policy.Change).Policy.Equivalent(s_policy));
        Assert.Equal("shop", schema.VirtualHost);
        Assert.Equal(Described(s_schema), Described(Assert.IsType<SchemaRecord.SchemaAdded>(schema.Change).Schema));
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

    /// <summary>Payloads no node writes: each is refused naming what is wrong, never read as a shorter list.</summary>
    public static TheoryData<string, byte[], string> Malformed_lists => new()
    {
        { "r", Payload(w => { w.String("/"); w.Int32(-2); }), "-2 changes" },
        { "r", Payload(w => { w.String("/"); w.Int32(1); w.Byte(9); }), "Unknown topology change kind 9" },
        { "s", Payload(w => { w.Int32(0); w.Bool(false); w.Int32(-1); }), "-1 policies" },
        { "s", Payload(w => { w.Int32(0); w.Bool(false); w.Int32(1); new PolicyRecord.PolicyRemoved("p").WriteTo(w); w.Int32(0); }), "a policy removal" },
        { "s", Payload(w => { w.Int32(0); w.Bool(false); w.Int32(0); w.Int32(-3); }), "-3 schemas" },
        { "s", Payload(w => { w.Int32(0); w.Bool(false); w.Int32(0); w.Int32(1); new SchemaRecord.SchemaRemoved("s").WriteTo(w); }), "a schema removal" },
        { "vn", Payload(w => { w.Int32(-1); w.Bool(false); }), "-1 names" },
        { "vn", Payload(w => { w.Int32(2); w.String("/"); }), "ends early" },
    };

    [Theory]
    [MemberData(nameof(Malformed_lists))]
    public void A_negative_count_a_short_list_or_a_removal_in_a_snapshot_is_refused_clearly(string manifest, byte[] payload, string reason)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(TopologyReplicationProtocol.Snapshot));

        var error = Assert.Throws<InvalidDataException>(() => serializer.FromBinary(payload, manifest));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private TopologyChange[] EveryKindOfChange()
    {
        var queue = CreateTestProbe().Ref;
        var binding = new Binding("billing", Destination.Queue("invoices"), "invoice.#", null);
        return
        [
            new TopologyChange.ExchangeDeclared("billing", new ExchangeSettings(ExchangeType.Topic, Durable: false, AutoDelete: true, Internal: true)),
            new TopologyChange.QueueAdded("invoices", new QueueDeclaration(Durable: true, Exclusive: false, AutoDelete: false), queue, "node/n1/queue/%2F/invoices/3"),
            new TopologyChange.QueueAdded("replies", new QueueDeclaration(Durable: false, Exclusive: true, AutoDelete: true), queue, PersistenceId: null),
            new TopologyChange.Bound(binding),
            new TopologyChange.Unbound(binding with { Destination = Destination.Exchange("audit") }),
            new TopologyChange.QueueRemoved("invoices"),
            new TopologyChange.ExchangeDeleted("billing"),
        ];
    }

    private static (string Name, int Version, DateTimeOffset RegisteredAt, string Document) Described(MessageSchema schema) =>
        (schema.Name, schema.Version, schema.RegisteredAt, schema.Document);

    private static byte[] Payload(Action<RecordWriter> write)
    {
        var writer = RecordWriter.Rent();
        write(writer);
        return writer.ToArray();
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<TopologyWireSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }
}
