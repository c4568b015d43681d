using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>Sends the ball back to whoever sent it.</summary>
internal sealed class PongActor : ReceiveActor
{
    public PongActor() => Receive<Ball>(ball => Sender.Tell(ball, Self));
}

/// <summary>Keeps a number of balls in play with its ponger until a round's replies have all come back.</summary>
internal sealed class PingActor : ReceiveActor
{
    private Round? _round;
    private int _sent;
    private int _received;

    public PingActor(IActorRef ponger)
    {
        Receive<Round>(round =>
        {
            _round = round;
            _sent = 0;
            _received = 0;
            for (var i = 0; i < round.InFlight && _sent < round.Replies; i++, _sent++)
            {
                ponger.Tell(Ball.Instance, Self);
            }
        });
        Receive<Ball>(ball =>
        {
            if (++_received == _round!.Replies)
            {
                _round.Done.Set();
            }
            else if (_sent < _round.Replies)
            {
                _sent++;
                ponger.Tell(ball, Self);
            }
        });
    }

    /// <summary>One measured round: how many replies to wait for, how many balls in play at once.</summary>
    internal sealed class Round(int replies, int inFlight)
    {
        public int Replies { get; } = replies;

        public int InFlight { get; } = inFlight;

        public ManualResetEventSlim Done { get; } = new();
    }
}

/// <summary>The message of the ping-pong benchmarks: one cached instance, so Tell allocates nothing for it.</summary>
internal sealed class Ball
{
    public static readonly Ball Instance = new();
}
