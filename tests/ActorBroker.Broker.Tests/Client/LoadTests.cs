using System.Collections.Concurrent;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Client;

public class LoadTests : BrokerSpec
{
    [Fact]
    public async Task Competing_consumers_under_load_see_every_message_exactly_once()
    {
        const int Messages = 5000;
        var publisher = await OpenChannelAsync();
        await publisher.DeclareQueueAsync("load");
        var seen = new ConcurrentDictionary<string, int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var total = 0;
        for (var c = 0; c < 2; c++)
        {
            var channel = await OpenChannelAsync();
            var sinceAck = 0;
            await channel.ConsumeAsync("load", d =>
            {
                seen.AddOrUpdate(d.Properties.MessageId!, 1, (_, n) => n + 1);
                if (++sinceAck == 37)
                {
                    d.Channel.Ack(d.DeliveryTag, multiple: true);
                    sinceAck = 0;
                }

                if (Interlocked.Increment(ref total) == Messages)
                {
                    done.TrySetResult();
                }
            }, new ConsumeOptions(Prefetch: 100));
        }

        for (var i = 0; i < Messages; i++)
        {
            publisher.Publish("", "load", Body("m"), new BasicProperties { MessageId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Messages, seen.Count);
        Assert.All(seen.Values, count => Assert.Equal(1, count));
        var info = await publisher.GetQueueInfoAsync("load");
        Assert.Equal(0, info.Ready);
        Assert.Equal(0, info.Counters.Redelivered);
    }
}
