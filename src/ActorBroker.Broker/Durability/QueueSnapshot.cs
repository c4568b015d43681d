namespace ActorBroker.Broker.Durability;

/// <summary>The snapshot of a durable queue: its persistent messages in enqueue order with their delivery counts.</summary>
internal static class QueueSnapshot
{
    public static byte[] Encode(DurableMessages messages)
    {
        var ordered = messages.InOrder();
        var writer = RecordWriter.Rent();
        writer.Int32(ordered.Count);
        foreach (var (sequence, message) in ordered)
        {
            writer.Int64(sequence);
            writer.Time(message.EnqueuedAt);
            writer.Int32(message.DeliveryCount);
            writer.Message(message.Message);
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when the payload is not a queue snapshot.</summary>
    public static void Decode(ReadOnlyMemory<byte> payload, DurableMessages into)
    {
        var reader = new RecordReader(payload);
        var count = reader.Int32();
        for (var i = 0; i < count; i++)
        {
            var sequence = reader.Int64();
            var enqueuedAt = reader.Time();
            var deliveryCount = reader.Int32();
            into.Restore(sequence, new DurableMessage(reader.Message(), enqueuedAt, deliveryCount));
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException("A queue snapshot has trailing bytes.");
        }
    }
}
