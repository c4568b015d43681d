namespace ActorBroker.Amqp.Framing;

/// <summary>What a reply code closes.</summary>
public enum ReplyCodeScope
{
    /// <summary>Not an error (<see cref="ReplyCode.Success"/>) or a code the spec does not define.</summary>
    None,

    /// <summary>A soft error: the channel closes, the connection stays open.</summary>
    Channel,

    /// <summary>A hard error: the whole connection closes.</summary>
    Connection,
}
