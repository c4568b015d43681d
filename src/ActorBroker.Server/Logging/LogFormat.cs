namespace ActorBroker.Server.Logging;

/// <summary>How the node writes its log lines to the console.</summary>
public enum LogFormat
{
    /// <summary>One human-readable line per entry: time, level, category, message.</summary>
    Text,

    /// <summary>One JSON object per line, with the message's template fields (queue, connection, reason, …) as properties.</summary>
    Json,
}
