namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Every AMQP field type a client sends comes back as the same type, at any depth, wherever the message went.</summary>
public sealed class HeaderTypeTests : NodeTest
{
    [Fact]
    public async Task Headers_of_every_type_come_back_with_their_types_also_in_nested_tables_and_arrays()
    {
        await DeclareQueueAsync("typed");
        await Channel.BasicPublishAsync("", "typed", false, new BasicProperties { Headers = EveryHeaderType.Table() }, Encoding.UTF8.GetBytes("m"));

        var got = await GetAsync("typed");

        EveryHeaderType.AssertKept(got.BasicProperties.Headers!);
    }

    [Fact]
    public async Task A_dead_lettered_message_keeps_its_header_types_and_x_death_has_RabbitMQs_types()
    {
        await DeclareQueueAsync("dead");
        await DeclareQueueAsync("work", new Dictionary<string, object?> { ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "dead" });
        await Channel.BasicPublishAsync("", "work", false, new BasicProperties { Headers = EveryHeaderType.Table() }, Encoding.UTF8.GetBytes("m"));
        var got = await GetAsync("work", autoAck: false);
        await Channel.BasicRejectAsync(got.DeliveryTag, requeue: false);

        var dead = await GetAsync("dead");

        var headers = dead.BasicProperties.Headers!;
        EveryHeaderType.AssertKept(headers);
        var death = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(headers["x-death"])));
        Assert.Equal(1L, Assert.IsType<long>(death["count"]));
        Assert.IsType<AmqpTimestamp>(death["time"]);
        Assert.Equal("rejected", Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["reason"])));
        Assert.Equal("work", Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["queue"])));
        Assert.Equal("", Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["exchange"])));
        Assert.Equal("work", Encoding.UTF8.GetString(Assert.IsType<byte[]>(Assert.Single(Assert.IsType<List<object?>>(death["routing-keys"])))));
        Assert.Equal("rejected", Encoding.UTF8.GetString(Assert.IsType<byte[]>(headers["x-first-death-reason"])));
    }

    [Fact]
    public async Task An_expired_message_records_its_original_expiration_as_a_string_as_RabbitMQ_does()
    {
        await DeclareQueueAsync("expired");
        await DeclareQueueAsync("short-lived", new Dictionary<string, object?> { ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "expired" });
        await Channel.BasicPublishAsync("", "short-lived", false, new BasicProperties { Expiration = "1" }, Encoding.UTF8.GetBytes("m"));

        var dead = await GetAsync("expired");

        var death = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(dead.BasicProperties.Headers!["x-death"])));
        Assert.Equal("1", Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["original-expiration"])));
        Assert.False(dead.BasicProperties.IsExpirationPresent());
    }
}
