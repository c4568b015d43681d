using Akka.Actor;

namespace ActorBroker.Server.Cluster;

/// <summary>Asks an actor that every node runs at a well-known path, on one member, for the management API.</summary>
internal static class MemberQuestion
{
    /// <summary>How long a member has to answer before it counts as not answering.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The member's answer, or null when it did not answer in time.</summary>
    public static async Task<T?> AskAsync<T>(ActorSystem system, ActorPath path, object question)
        where T : class
    {
        try
        {
            return await system.ActorSelection(path).Ask<T>(question, AnswerTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
