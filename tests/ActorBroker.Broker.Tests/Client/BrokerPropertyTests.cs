using System.Globalization;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using FsCheck;
using FsCheck.Fluent;

namespace ActorBroker.Broker.Tests.Client;

/// <summary>
/// The delivery contract through the actors and the public API: random publishes, gets, acks, nacks,
/// rejects and channel deaths, then an account of every message.
/// </summary>
public class BrokerPropertyTests : BrokerSpec
{
    private int _run;

    [Fact]
    public void Random_sessions_lose_nothing_and_never_return_acked_messages()
    {
        var scripts = Gen.ListOf(Gen.Choose(0, 99)).Select(s => s.ToArray()).ToArbitrary();

        Prop.ForAll(scripts, script => RunAsync(script).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private async Task<bool> RunAsync(int[] script)
    {
        var queue = "prop-" + Interlocked.Increment(ref _run);
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, queue);
        var delivered = new HashSet<string>();
        var acked = new HashSet<string>();
        var rejected = new HashSet<string>();
        var outstanding = new List<Delivery>();
        var published = 0;
        foreach (var value in script)
        {
            // The low digit picks the operation, the rest its variant (which delivery, requeue or not).
            var step = value / 6;
            switch (value % 6)
            {
                case 0 or 1:
                    channel.Publish("", queue, Body("m"), new BasicProperties { MessageId = (published++).ToString(CultureInfo.InvariantCulture) });
                    break;
                case 2:
                    if ((await channel.GetAsync(queue)).Delivery is { } got)
                    {
                        var id = got.Properties.MessageId!;
                        Assert.DoesNotContain(id, acked);
                        Assert.Equal(delivered.Contains(id), got.Redelivered);
                        delivered.Add(id);
                        outstanding.Add(got);
                    }

                    break;
                case 3 when outstanding.Count > 0:
                    var ack = Take(outstanding, step);
                    ack.Ack();
                    acked.Add(ack.Properties.MessageId!);
                    break;
                case 4 when outstanding.Count > 0:
                    var nack = Take(outstanding, step);
                    var requeue = step % 2 == 0;
                    nack.Nack(requeue);
                    if (!requeue)
                    {
                        rejected.Add(nack.Properties.MessageId!);
                    }

                    break;
                case 5:
                    await channel.CloseAsync();
                    outstanding.Clear();
                    channel = await OpenChannelAsync();
                    break;
            }
        }

        await channel.CloseAsync();
        var observer = await OpenChannelAsync();
        var remaining = await InfoEventuallyAsync(observer, queue, info => info.Unacked == 0);
        var dead = await InfoEventuallyAsync(observer, dlq, info => info.Ready == rejected.Count);
        Assert.Equal(published, acked.Count + rejected.Count + remaining.Ready);
        Assert.Equal(rejected.Count, dead.Ready);
        await observer.CloseAsync();
        return true;
    }

    private static Delivery Take(List<Delivery> outstanding, int step)
    {
        var delivery = outstanding[step % outstanding.Count];
        outstanding.Remove(delivery);
        return delivery;
    }
}
