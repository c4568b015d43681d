namespace ActorBroker.Server.Hosting;

/// <summary>The node could not start (its journal cannot be opened or recovered); the message says what to fix.</summary>
internal sealed class NodeStartException(string message, Exception? innerException) : Exception(message, innerException);
