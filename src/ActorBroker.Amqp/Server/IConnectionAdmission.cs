namespace ActorBroker.Amqp.Server;

/// <summary>Decides whether one more connection of a user to a virtual host may open (the node's connection limits).</summary>
public interface IConnectionAdmission
{
    /// <summary>Counts the connection in; null when admitted, else why not (the reply text of a 530 NOT_ALLOWED).</summary>
    string? Admit(string userName, string virtualHost);

    /// <summary>Counts an admitted connection out once it has closed.</summary>
    void Release(string userName, string virtualHost);
}
