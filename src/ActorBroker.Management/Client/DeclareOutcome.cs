namespace ActorBroker.Management.Client;

/// <summary>What an idempotent declare did: created the object (201) or found an equivalent one (204).</summary>
public enum DeclareOutcome
{
    Created,
    AlreadyExisted,
}
