using ActorBroker.Actors;
using ActorBroker.Broker.Queues;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Logging;

/// <summary>
/// Writes what the actor system reports on its event stream to the node's log, with the actor, queue or
/// persistence id and the reason as fields: actor failures (a crashing queue actor is how a poison message
/// shows) and settlements a queue dropped after a race.
/// </summary>
internal sealed partial class EventStreamLogger(ILogger logger) : ActorBase
{
    /// <summary>Starts the logger in <paramref name="system"/>, writing to the log of the system's owner.</summary>
    public static void Start(ActorSystem system, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(system);
        var self = system.ActorOf(Props.Create(() => new EventStreamLogger(logger)), "event-stream-logger");
        // Subscribed here rather than in PreStart, so no event published after Start returns is missed.
        system.EventStream.Subscribe<ErrorEvent>(self);
        system.EventStream.Subscribe<StaleSettlement>(self);
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ErrorEvent error:
                LogActorFailed(logger, error.Source.Path.ToString(), error.Cause.Message, error.Message, error.Cause);
                break;
            case StaleSettlement stale:
                LogStaleSettlement(logger, stale.Queue, stale.Settlement.GetType().Name);
                break;
            default:
                return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Actor {Actor} failed: {Reason} ({Context})")]
    private static partial void LogActorFailed(ILogger logger, string actor, string reason, string context, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue} dropped a {Settlement} for a delivery it had already taken back")]
    private static partial void LogStaleSettlement(ILogger logger, string queue, string settlement);
}
