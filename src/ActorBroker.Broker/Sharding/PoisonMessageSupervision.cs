using System.Runtime.CompilerServices;
using ActorBroker.Actors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// The supervision of queue actors. A queue that crashes is restarted with its state intact (the state lives
/// in its <see cref="QueueRuntime"/>). When the failed message is a publish, the kernel does not retry it, so
/// this decider sends it again after the restart (it then queues behind messages that arrived meanwhile);
/// once the same message has crashed the queue <c>maxCrashes</c> times it is a poison message and is
/// dead-lettered with reason crash instead, so it cannot take the queue down.
/// </summary>
internal static class PoisonMessageSupervision
{
    public static SupervisorStrategy Create(int maxCrashes)
    {
        // Weak keys: a message that eventually succeeds leaves no entry behind.
        var crashes = new ConditionalWeakTable<object, StrongBox<int>>();
        return new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, failure =>
        {
            if (failure.Exception is ActorInitializationException or ActorKilledException)
            {
                return Directive.Stop;
            }

            if (failure.Message is Message or QueueProtocol.Publish)
            {
                var count = ++crashes.GetOrCreateValue(failure.Message).Value;
                if (count >= maxCrashes)
                {
                    crashes.Remove(failure.Message);
                    failure.Child.Tell(new QueueProtocol.DeadLetterPoison(failure.Message, failure.Exception));
                }
                else
                {
                    failure.Child.Tell(failure.Message);
                }
            }

            return Directive.Restart;
        });
    }
}
