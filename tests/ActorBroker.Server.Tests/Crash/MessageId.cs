using System.Globalization;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>The identity of a crash-test message: who published it in which round, its number in that publisher's sequence, its queue.</summary>
internal readonly record struct MessageId(int Round, int Producer, long Sequence, int Queue)
{
    public string Publisher => $"r{Round}p{Producer}";

    public override string ToString() => $"{Publisher}:{Sequence}@q{Queue}";

    /// <summary>Reads the id a producer put in a message's message-id property.</summary>
    public static MessageId Parse(string? text)
    {
        var parts = text?.Split('r', 'p', ':', '@', 'q') ?? [];
        return parts is ["", var round, var producer, var sequence, "", var queue]
            ? new MessageId(Int(round), Int(producer), long.Parse(sequence, CultureInfo.InvariantCulture), Int(queue))
            : throw new FormatException($"'{text}' is not a crash-test message id (r<round>p<producer>:<sequence>@q<queue>).");
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
