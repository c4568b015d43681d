namespace ActorBroker.TestKit;

/// <summary>An expectation of a test probe was not met; the message says what was expected and what happened.</summary>
public sealed class TestKitAssertionException : Exception
{
    public TestKitAssertionException(string message)
        : base(message)
    {
    }
}
