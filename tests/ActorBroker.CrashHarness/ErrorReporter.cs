using ActorBroker.Actors;

namespace ActorBroker.CrashHarness;

/// <summary>Writes every actor failure of the harness's system to stderr, so a failed crash test shows why.</summary>
internal sealed class ErrorReporter : ActorBase
{
    protected override bool Receive(object message)
    {
        if (message is ErrorEvent error)
        {
            Console.Error.WriteLine($"actor failure in {error.Source.Path}: {error.Cause}");
        }

        return true;
    }
}
