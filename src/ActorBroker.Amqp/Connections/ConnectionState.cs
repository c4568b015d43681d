namespace ActorBroker.Amqp.Connections;

/// <summary>Where a <see cref="ConnectionSession"/> is in the connection's life.</summary>
public enum ConnectionState
{
    AwaitingProtocolHeader,
    AwaitingStartOk,
    AwaitingTuneOk,
    AwaitingOpen,
    Open,

    /// <summary>The server sent connection.close and discards everything until connection.close-ok.</summary>
    Closing,

    /// <summary>Flush the output, then close the socket.</summary>
    Closed,
}

/// <summary>Why <see cref="ConnectionSession.Process"/> returned.</summary>
public enum SessionEvent
{
    /// <summary>All complete input was handled; call again when more bytes arrive.</summary>
    NeedMoreInput,

    /// <summary>The handshake finished: <see cref="ConnectionSession.Negotiated"/> is set. Call again to go on.</summary>
    Opened,

    /// <summary>A frame for a channel other than 0, for the channel layer. Call again to go on.</summary>
    ChannelFrame,

    /// <summary>The connection is over: flush the output and close the socket.</summary>
    Closed,
}
