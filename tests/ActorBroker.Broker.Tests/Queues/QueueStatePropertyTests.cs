using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace ActorBroker.Broker.Tests.Queues;

public class QueueStatePropertyTests
{
    private const int DeliveryLimit = 3;
    private const int Channels = 3;

    [Fact]
    public void Random_interleavings_keep_the_delivery_contract()
    {
        var step = Gen.Choose(0, 10).SelectMany(kind => Gen.Choose(0, 1000), (kind, a) => (kind, a))
            .SelectMany(pair => Gen.Choose(0, 1000), (pair, b) => (pair.kind, pair.a, b));
        var scripts = Gen.ListOf(step).Select(s => s.ToArray()).ToArbitrary();

        Prop.ForAll(scripts, Run).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    private static bool Run((int Kind, int A, int B)[] script)
    {
        var clock = new ManualClock();
        var state = new QueueState("q", QueueArguments.Parse(new Headers { ["x-delivery-limit"] = DeliveryLimit }), clock);
        var model = new QueueModel(DeliveryLimit);
        var consumers = new List<(string Tag, long Channel)>();
        var nextConsumer = 0;
        foreach (var (kind, a, b) in script)
        {
            DeadLetterReason? reason = null;
            var channel = a % Channels + 1;
            var outstanding = model.Outstanding.Keys.Order().ToList();
            var pick = outstanding.Count == 0 ? (ulong?)null : outstanding[a % outstanding.Count];
            var pickChannel = pick is { } p ? model.Outstanding[p].Channel : 0;
            switch (kind)
            {
                case 0 or 1:
                    state.Publish(TestMessages.Text($"m{model.Published}"));
                    break;
                case 2:
                    var tag = $"c{nextConsumer++}";
                    state.AddConsumer(new ConsumerSpec(tag, channel, b % 4, AutoAck: b % 5 == 0, Exclusive: false));
                    consumers.Add((tag, channel));
                    break;
                case 3:
                    state.Get(channel, autoAck: b % 2 == 0);
                    break;
                case 4 when pick is not null:
                    state.Ack(pickChannel, pick.Value, multiple: b % 2 == 0);
                    break;
                case 5 when pick is not null:
                    reason = DeadLetterReason.Rejected;
                    state.Nack(pickChannel, pick.Value, multiple: b % 3 == 0, requeue: b % 2 == 0);
                    break;
                case 6 when pick is not null:
                    reason = DeadLetterReason.Rejected;
                    state.Reject(pickChannel, pick.Value, requeue: b % 2 == 0);
                    break;
                case 7 when consumers.Count > 0:
                    var cancelled = consumers[a % consumers.Count];
                    consumers.Remove(cancelled);
                    state.RemoveConsumer(cancelled.Tag);
                    break;
                case 8:
                    consumers.RemoveAll(c => c.Channel == channel);
                    state.CloseChannel(channel);
                    break;
                case 9:
                    state.Recover(channel);
                    break;
            }

            model.Observe(state, reason);
        }

        model.CheckNothingLost();
        return true;
    }
}
