namespace ActorBroker.Management.Client;

/// <summary>Whether a binding routes from its source exchange to a queue or to another exchange.</summary>
public enum BindingDestinationType
{
    Queue,
    Exchange,
}
