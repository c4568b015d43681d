namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>The registrations of the current consumers, in the order they were added.</summary>
    internal ConsumerSpec[] ConsumerSpecs()
    {
        var specs = new ConsumerSpec[_consumers.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = _consumers[i].Spec;
        }

        return specs;
    }
}
