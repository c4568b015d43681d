namespace ActorBroker.Actors;

/// <summary>A scheduled action that can be cancelled.</summary>
public interface ICancelable
{
    /// <summary>Stops future deliveries; harmless when called again or after a single delivery.</summary>
    void Cancel();

    bool IsCancellationRequested { get; }
}
