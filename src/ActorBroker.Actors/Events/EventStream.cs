using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Actors;

/// <summary>
/// The system's publish/subscribe bus. A subscriber to a type receives every published event of that type
/// or of a type derived from it (base classes and interfaces match). Stopped subscribers are dropped.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "EventStream is the established actor-model name (Akka) and part of the kernel API contract.")]
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private State _state = new([]);

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <paramref name="channel"/>; subscribing twice has no effect.</summary>
    public void Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            var subscriptions = _state.Subscriptions;
            if (!subscriptions.Contains(new Subscription(channel, subscriber)))
            {
                _state = new State([.. subscriptions, new Subscription(channel, subscriber)]);
            }
        }
    }

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <typeparamref name="T"/>.</summary>
    public void Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Removes the subscription of <paramref name="subscriber"/> to exactly <paramref name="channel"/>.</summary>
    public void Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        Remove(s => s.Channel == channel && s.Subscriber.Equals(subscriber));
    }

    /// <summary>Removes the subscription of <paramref name="subscriber"/> to exactly <typeparamref name="T"/>.</summary>
    public void Unsubscribe<T>(IActorRef subscriber) => Unsubscribe(subscriber, typeof(T));

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Remove(s => s.Subscriber.Equals(subscriber));
    }

    /// <summary>Tells <paramref name="evt"/> to every subscriber of its type or of one of its base types or interfaces.</summary>
    public void Publish(object evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var state = Volatile.Read(ref _state);
        var subscribers = state.SubscribersOf(evt.GetType());
        var anyStopped = false;
        foreach (var subscriber in subscribers)
        {
            if (subscriber is IInternalActorRef { IsTerminated: true })
            {
                anyStopped = true;
                continue;
            }

            subscriber.Tell(evt);
        }

        if (anyStopped)
        {
            Remove(static s => s.Subscriber is IInternalActorRef { IsTerminated: true });
        }
    }

    private void Remove(Predicate<Subscription> match)
    {
        lock (_gate)
        {
            var subscriptions = _state.Subscriptions;
            if (Array.Exists(subscriptions, match))
            {
                _state = new State(Array.FindAll(subscriptions, s => !match(s)));
            }
        }
    }

    private readonly record struct Subscription(Type Channel, IActorRef Subscriber);

    /// <summary>An immutable subscription list with its per-event-type lookup cache; replaced on every change.</summary>
    private sealed class State(Subscription[] subscriptions)
    {
        private readonly ConcurrentDictionary<Type, IActorRef[]> _byEventType = new();

        public Subscription[] Subscriptions { get; } = subscriptions;

        public IActorRef[] SubscribersOf(Type eventType) =>
            _byEventType.GetOrAdd(eventType, static (type, all) => Resolve(type, all), Subscriptions);

        private static IActorRef[] Resolve(Type eventType, Subscription[] subscriptions)
        {
            var subscribers = new List<IActorRef>();
            foreach (var subscription in subscriptions)
            {
                if (subscription.Channel.IsAssignableFrom(eventType) && !subscribers.Contains(subscription.Subscriber))
                {
                    subscribers.Add(subscription.Subscriber);
                }
            }

            return [.. subscribers];
        }
    }
}
