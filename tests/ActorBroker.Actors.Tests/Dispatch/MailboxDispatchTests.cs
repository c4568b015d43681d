using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.Dispatch;

public sealed class MailboxDispatchTests : TestKit.TestKit
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(20);

    public MailboxDispatchTests()
        : base(new ActorSystemSettings { Throughput = 10 })
    {
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_they_were_sent()
    {
        const int senders = 4;
        const int perSender = 5_000;
        var checker = Sys.ActorOf(Props.Create<OrderCheckingActor>());

        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(() =>
        {
            for (var sequence = 0; sequence < perSender; sequence++)
            {
                checker.Tell(new Numbered(sender, sequence));
            }
        })));

        var report = await checker.Ask<OrderReport>(OrderReport.Request, s_long);
        Assert.Equal(senders * perSender, report.Received);
        Assert.Equal(0, report.OutOfOrder);
    }

    [Fact]
    public async Task An_actor_never_handles_two_messages_at_once()
    {
        var actor = Sys.ActorOf(Props.Create<ConcurrencyCheckingActor>());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                actor.Tell(i);
            }
        })));

        var (handled, overlaps) = await actor.Ask<(int, int)>("report", s_long);
        Assert.Equal(20_000, handled);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void An_actor_yields_its_thread_after_throughput_messages_per_turn()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new TurnCountingActor(gate, TestActor.Ref)));
        actor.Tell("block");
        ExpectMsg("blocked");
        for (var i = 0; i < 100; i++)
        {
            actor.Tell(i);
        }

        actor.Tell("report");
        gate.Release();

        // The blocking turn goes on with 9 of the queued messages; the other 92 need 10 more turns of 10.
        Assert.Equal(11, ExpectMsg<int>());
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(gate, TestActor.Ref)));
        Watch(actor);
        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("queued-1");
        actor.Tell("queued-2");

        Sys.Stop(actor);
        gate.Release();

        ExpectTerminated(actor);
    }

    [Fact]
    public async Task Telling_a_cached_message_to_a_busy_actor_allocates_nothing()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(gate, ActorRefs.Nobody)));
        var message = new object();
        const int warmUp = 2_000;
        const int measured = 1_000;

        // Let the mailbox grow once to a ring of 1,024 slots (the largest it keeps when empty), then drain it.
        actor.Tell("block");
        for (var i = 0; i < warmUp; i++)
        {
            actor.Tell(message);
        }

        gate.Release();
        await actor.Ask<string>("ping", s_long);

        actor.Tell("block");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < measured; i++)
        {
            actor.Tell(message);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        gate.Release();
        Assert.True(allocated < measured / 10, $"{measured} Tells allocated {allocated} bytes.");
    }

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record OrderReport(int Received, int OutOfOrder)
    {
        public static readonly object Request = new();
    }

    private sealed class OrderCheckingActor : ReceiveActor
    {
        private readonly Dictionary<int, int> _last = [];
        private int _received;
        private int _outOfOrder;

        public OrderCheckingActor()
        {
            Receive<Numbered>(numbered =>
            {
                _received++;
                var expected = _last.TryGetValue(numbered.Sender, out var last) ? last + 1 : 0;
                if (numbered.Sequence != expected)
                {
                    _outOfOrder++;
                }

                _last[numbered.Sender] = numbered.Sequence;
            });
            Receive<object>(_ => Sender.Tell(new OrderReport(_received, _outOfOrder)), m => ReferenceEquals(m, OrderReport.Request));
        }
    }

    private sealed class ConcurrencyCheckingActor : ReceiveActor
    {
        private int _inside;
        private int _handled;
        private int _overlaps;

        public ConcurrencyCheckingActor()
        {
            Receive<int>(_ =>
            {
                if (Interlocked.Increment(ref _inside) != 1)
                {
                    _overlaps++;
                }

                Thread.SpinWait(20);
                _handled++;
                Interlocked.Decrement(ref _inside);
            });
            Receive<string>(_ => Sender.Tell((_handled, _overlaps)));
        }
    }

    /// <summary>
    /// Counts mailbox turns: the thread pool gives every work item a fresh execution context, so an
    /// AsyncLocal set during one turn is gone in the next.
    /// </summary>
    private sealed class TurnCountingActor : ReceiveActor
    {
        private static readonly AsyncLocal<bool> s_seenInThisTurn = new();
        private int _turns;

        public TurnCountingActor(SemaphoreSlim gate, IActorRef probe)
        {
            Receive<string>(
                _ =>
                {
                    probe.Tell("blocked");
                    gate.Wait(s_long);
                },
                m => m == "block");
            Receive<string>(_ => probe.Tell(CountTurn()), m => m == "report");
            Receive<int>(_ => CountTurn());
        }

        private int CountTurn()
        {
            if (!s_seenInThisTurn.Value)
            {
                s_seenInThisTurn.Value = true;
                _turns++;
            }

            return _turns;
        }
    }
}
