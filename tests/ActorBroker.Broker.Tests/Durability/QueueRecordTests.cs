using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class QueueRecordTests
{
    [Fact]
    public void A_journaled_message_reads_back_with_every_property_and_nested_header()
    {
        var headers = new Headers
        {
            ["text"] = "héllo",
            ["number"] = 42,
            ["flag"] = true,
            ["ratio"] = 0.25,
            ["money"] = FieldValue.From(12.34m),
            ["at"] = FieldValue.From(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)),
            ["raw"] = FieldValue.From(new byte[] { 1, 2, 3 }),
            ["list"] = FieldValue.From(new FieldValue[] { 1, "two", FieldValue.Void }),
            ["table"] = new Headers { ["inner"] = "value" },
        };
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "gzip",
            Headers = headers,
            DeliveryMode = DeliveryMode.Persistent,
            Priority = 7,
            CorrelationId = "c-1",
            ReplyTo = "replies",
            Expiration = TimeSpan.FromSeconds(30),
            MessageId = "m-1",
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_100),
            Type = "order",
            UserId = "guest",
            AppId = "shop",
        };
        var message = new Message("orders", "order.created", properties, new byte[] { 9, 8, 7 });
        var enqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

        var payload = QueueRecord.EncodeBatch([new QueueRecord.Enqueued(5, enqueuedAt, message), new QueueRecord.Delivered(5, 2), new QueueRecord.Removed([5, 6]), new QueueRecord.Crashed()]);
        var records = QueueRecord.DecodeBatch(QueueRecord.BatchManifest, payload);

        var enqueued = Assert.IsType<QueueRecord.Enqueued>(records[0]);
        Assert.Equal((5L, enqueuedAt, "orders", "order.created"), (enqueued.Sequence, enqueued.EnqueuedAt, enqueued.Message.Exchange, enqueued.Message.RoutingKey));
        Assert.Equal(properties with { Headers = null }, enqueued.Message.Properties with { Headers = null });
        var read = enqueued.Message.Properties.Headers!;
        // Nested tables compare by reference in FieldValue, so the table is compared by content on its own.
        Assert.Equal(headers.Where(h => h.Key != "table"), read.Where(h => h.Key != "table"));
        Assert.True(headers["table"].AsTable().ContentEquals(read["table"].AsTable()));
        Assert.Equal(new byte[] { 9, 8, 7 }, enqueued.Message.Body.ToArray());
        Assert.Equal(new QueueRecord.Delivered(5, 2), records[1]);
        Assert.Equal([5L, 6L], Assert.IsType<QueueRecord.Removed>(records[2]).Sequences);
        Assert.IsType<QueueRecord.Crashed>(records[3]);
    }

    [Fact]
    public void Numbers_keep_their_width_through_the_journal_also_in_nested_tables_and_arrays()
    {
        var headers = new Headers
        {
            ["int"] = FieldValue.From(-7),
            ["uint"] = FieldValue.From(uint.MaxValue),
            ["short"] = FieldValue.From((short)-8),
            ["ushort"] = FieldValue.From(ushort.MaxValue),
            ["sbyte"] = FieldValue.From((sbyte)-9),
            ["byte"] = FieldValue.From((byte)200),
            ["long"] = FieldValue.From(long.MinValue),
            ["float"] = FieldValue.From(1.5f),
            ["double"] = FieldValue.From(0.1),
            ["array"] = FieldValue.From(new[] { FieldValue.From((short)1), FieldValue.From(2.5f) }),
            ["table"] = new Headers { ["inner"] = FieldValue.From((byte)3) },
        };
        var message = new Message("", "q", new BasicProperties { Headers = headers }, ReadOnlyMemory<byte>.Empty);

        var payload = QueueRecord.EncodeBatch([new QueueRecord.Enqueued(1, DateTimeOffset.UnixEpoch, message)]);
        var read = Assert.IsType<QueueRecord.Enqueued>(Assert.Single(QueueRecord.DecodeBatch(QueueRecord.BatchManifest, payload))).Message.Properties.Headers!;

        Assert.Equal(Types(headers), Types(read));
        Assert.Equal(headers.Where(h => h.Key is not ("array" or "table")), read.Where(h => h.Key is not ("array" or "table")));
        Assert.Equal(headers["array"], read["array"]);
        Assert.Equal(3, read["table"].AsTable()["inner"].AsInteger());
    }

    [Fact]
    public void A_message_journaled_before_numbers_kept_their_width_reads_as_64_bit_integers_and_doubles()
    {
        // queue.records.v1 as written before narrow numbers existed: one Enqueued record, built byte by byte.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            void Text(string value)
            {
                w.Write(System.Text.Encoding.UTF8.GetByteCount(value));
                w.Write(System.Text.Encoding.UTF8.GetBytes(value));
            }

            w.Write(1); // records
            w.Write((byte)1); // Enqueued
            w.Write(3L); // sequence
            w.Write(DateTimeOffset.UnixEpoch.UtcTicks);
            Text("amq.direct");
            Text("key");
            w.Write(false); // content type
            w.Write(false); // content encoding
            w.Write(3); // headers
            Text("count");
            w.Write((byte)FieldKind.Integer);
            w.Write(42L);
            Text("ratio");
            w.Write((byte)FieldKind.Double);
            w.Write(BitConverter.DoubleToInt64Bits(0.5));
            Text("list");
            w.Write((byte)FieldKind.Array);
            w.Write(1);
            w.Write((byte)FieldKind.Integer);
            w.Write(-1L);
            w.Write((byte)DeliveryMode.Persistent);
            w.Write(-1); // priority
            w.Write(false); // correlation id
            w.Write(false); // reply to
            w.Write(-1L); // expiration
            w.Write(false); // message id
            w.Write(false); // timestamp
            w.Write(false); // type
            w.Write(false); // user id
            w.Write(false); // app id
            w.Write(2);
            w.Write(new byte[] { 4, 2 });
        }

        var enqueued = Assert.IsType<QueueRecord.Enqueued>(Assert.Single(QueueRecord.DecodeBatch(QueueRecord.BatchManifest, stream.ToArray())));

        var headers = enqueued.Message.Properties.Headers!;
        Assert.Equal((NumberType.Int64, 42L), (headers["count"].NumberType, headers["count"].AsInteger()));
        Assert.Equal((NumberType.Double, 0.5), (headers["ratio"].NumberType, headers["ratio"].AsDouble()));
        Assert.Equal(NumberType.Int64, Assert.Single(headers["list"].AsArray()).NumberType);
        Assert.Equal((3L, "amq.direct"), (enqueued.Sequence, enqueued.Message.Exchange));
        Assert.Equal([4, 2], enqueued.Message.Body.ToArray());
    }

    [Fact]
    public void The_journal_translation_covers_every_queue_event_type()
    {
        // DurableMessages.Translate decides what each event means for persistent messages. A new event type
        // must be added there (or consciously ignored) and here; otherwise its effect would not survive a restart.
        Type[] considered =
        [
            typeof(MessageEnqueued), typeof(MessageDelivered), typeof(MessageAcked), typeof(MessagesAcked), typeof(MessageRequeued),
            typeof(MessageRetryScheduled), typeof(MessageRetryDue), typeof(MessageDeadLettered), typeof(QueuePurged), typeof(MessageLost),
            typeof(MessageWithdrawn),
            typeof(ConsumerAdded), typeof(ConsumerRemoved),
        ];
        var all = typeof(QueueEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(QueueEvent)) && !t.IsAbstract);

        Assert.Empty(all.Except(considered));
    }

    [Fact]
    public void A_truncated_or_foreign_row_is_refused_with_a_clear_error()
    {
        var message = new Message("", "q", BasicProperties.Empty, new byte[16]);
        var payload = QueueRecord.EncodeBatch([new QueueRecord.Enqueued(1, DateTimeOffset.UnixEpoch, message)]);

        var truncated = Assert.Throws<InvalidDataException>(() => QueueRecord.DecodeBatch(QueueRecord.BatchManifest, payload.AsMemory(0, payload.Length - 4)));
        var foreign = Assert.Throws<InvalidDataException>(() => QueueRecord.DecodeBatch("something.else.v1", payload));

        Assert.Contains("journal record", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("something.else.v1", foreign.Message, StringComparison.Ordinal);
    }

    private static List<(string, NumberType)> Types(Headers headers) => [.. headers.Select(h => (h.Key, h.Value.NumberType))];
}
