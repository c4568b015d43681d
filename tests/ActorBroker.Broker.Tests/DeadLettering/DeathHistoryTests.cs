using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.DeadLettering;

public class DeathHistoryTests
{
    private static readonly DateTimeOffset s_now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void First_death_records_reason_queue_exchange_keys_count_and_time()
    {
        var message = TestMessages.Text("m", "orders.new", new BasicProperties { Expiration = TimeSpan.FromSeconds(1) }, exchange: "shop");

        var dead = DeathHistory.Record(message, DeadLetterReason.Expired, "orders", s_now, "dlx", null);

        var death = DeathHistory.Latest(dead)!;
        Assert.Equal(new DeathRecord("orders", "expired", "shop", "orders.new", 1, s_now), death);
        Assert.Equal(("dlx", "orders.new"), (dead.Exchange, dead.RoutingKey));
        Assert.Null(dead.Properties.Expiration);
        Assert.Equal("expired", dead.Properties.Headers!["x-first-death-reason"].AsString());
    }

    [Fact]
    public void Dying_again_in_the_same_queue_for_the_same_reason_raises_the_count()
    {
        var message = TestMessages.Text("m", "k");
        var once = DeathHistory.Record(message, DeadLetterReason.Rejected, "work", s_now, "dlx", "dead");
        var back = once.With(exchange: "", routingKey: "work");

        var twice = DeathHistory.Record(back, DeadLetterReason.Rejected, "work", s_now, "dlx", "dead");

        Assert.Equal(2, DeathHistory.Latest(twice)!.Count);
        Assert.Single(twice.Properties.Headers!["x-death"].AsArray());
        Assert.Equal("dead", twice.RoutingKey);
    }

    [Fact]
    public void The_original_headers_are_not_changed()
    {
        var headers = new Headers { ["app"] = "x" };
        var message = TestMessages.Text("m", properties: new BasicProperties { Headers = headers });

        DeathHistory.Record(message, DeadLetterReason.Crash, "q", s_now, "dlx", null);

        Assert.Single(headers);
    }
}
