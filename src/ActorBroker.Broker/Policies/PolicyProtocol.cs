namespace ActorBroker.Broker.Policies;

/// <summary>
/// Policy changes, handled by the virtual host's actor (the single writer of the host's policies). Each replies
/// once the change is journaled (at once without durability), or a <see cref="Akka.Actor.Status.Failure"/>.
/// </summary>
internal static class PolicyProtocol
{
    /// <summary>Adds or replaces a policy; replies <see cref="PolicyChanged"/>.</summary>
    public sealed record SetPolicy(Policy Policy);

    /// <summary>Removes a policy; replies <see cref="PolicyChanged"/> (Changed is false when there was none).</summary>
    public sealed record ClearPolicy(string Name);

    /// <summary>Whether the command changed anything (setting an equivalent policy does not).</summary>
    public sealed record PolicyChanged(bool Changed);
}
