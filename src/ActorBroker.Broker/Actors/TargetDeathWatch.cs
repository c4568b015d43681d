using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorBroker.Broker.Actors;

/// <summary>
/// Tells, for any actor this node sends requests to, when it is known dead: one cancellation token per target,
/// cancelled when death watch reports it terminated (stopped, or its node removed from the cluster). Akka's Ask does not
/// watch its target, so a request to an actor that stopped on another node waits its whole timeout; a wait that also
/// watches this token ends at once. One watcher actor per node and one watch per target, however many requests wait on
/// it: a request pays a dictionary lookup, no actor of its own.
/// </summary>
internal sealed class TargetDeathWatch : IExtension
{
    private readonly ConcurrentDictionary<IActorRef, CancellationTokenSource> _targets = new();
    private readonly IActorRef _watcher;

    private TargetDeathWatch(ExtendedActorSystem system) =>
        _watcher = system.SystemActorOf(Props.Create(() => new Watcher(this)), "target-death-watch");

    public static TargetDeathWatch Get(ActorSystem system) => system.WithExtension<TargetDeathWatch, Provider>();

    /// <summary>Cancelled once <paramref name="target"/> is known dead; at once if it already is when first asked for.</summary>
    public CancellationToken TerminationOf(IActorRef target)
    {
        if (_targets.TryGetValue(target, out var known))
        {
            return known.Token;
        }

        var added = new CancellationTokenSource();
        var token = _targets.GetOrAdd(target, added);
        if (ReferenceEquals(token, added))
        {
            // Watching an actor that is already dead answers Terminated too, so a target that died before this line is
            // reported all the same.
            _watcher.Tell(new StartWatching(target));
        }
        else
        {
            added.Dispose();
        }

        return token.Token;
    }

    private void Terminated(IActorRef target)
    {
        // Removed before it is cancelled: a later request for the same (dead) target watches it again and is told at once.
        // Not disposed: a request may be reading its token right now, and a source without a timer holds nothing to free.
        if (_targets.TryRemove(target, out var source))
        {
            source.Cancel();
        }
    }

    private sealed record StartWatching(IActorRef Target);

    private sealed class Watcher(TargetDeathWatch registry) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case StartWatching watch:
                    Context.Watch(watch.Target);
                    break;
                case Terminated terminated:
                    registry.Terminated(terminated.ActorRef);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    private sealed class Provider : ExtensionIdProvider<TargetDeathWatch>
    {
        public override TargetDeathWatch CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
