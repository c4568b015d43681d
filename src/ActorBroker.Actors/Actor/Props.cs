using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ActorBroker.Actors;

/// <summary>
/// How to create an actor: a factory called at start and again at every restart, plus the strategy the
/// actor uses to supervise its own children. Immutable; one instance may create any number of actors.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The type of actor these props create.</summary>
    public Type ActorType { get; }

    /// <summary>The strategy for the actor's children; null means the actor's own <c>SupervisorStrategy()</c>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props that create a <typeparamref name="TActor"/> with its parameterless constructor.</summary>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(typeof(TActor), static () => Construct<TActor>(), null);

    /// <summary>Props that create actors with <paramref name="factory"/>; it must return a new instance on every call.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(TActor), factory, null);
    }

    /// <summary>A copy whose actors supervise their children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(ActorType, _factory, strategy);
    }

    // new T() goes through reflection, which wraps the constructor's exception; supervisors should see the original.
    private static TActor Construct<TActor>()
        where TActor : ActorBase, new()
    {
        try
        {
            return new TActor();
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is { } cause)
        {
            ExceptionDispatchInfo.Throw(cause);
            throw;
        }
    }

    internal ActorBase NewActor() =>
        _factory() ?? throw new InvalidOperationException($"The factory for {ActorType.Name} returned null.");
}
