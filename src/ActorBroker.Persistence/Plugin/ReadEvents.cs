using Akka.Actor;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// Asks the group-commit journal (<see cref="GroupCommitJournal"/>) for the events <paramref name="FromSequenceNr"/> to
/// <paramref name="ToSequenceNr"/> of <paramref name="PersistenceId"/> without recovering it. <paramref name="ReplyTo"/>
/// is answered as for Akka's <c>ReplayMessages</c>: a <c>ReplayedMessage</c> per event, in order, then
/// <c>RecoverySuccess</c> or <c>ReplayMessagesFailure</c>. Unlike Akka's replay it claims nothing: with owner fencing
/// on, every replay starts with a claim of the id (Akka asks the highest sequence number first, which is where a
/// recovery takes ownership), so a node that read rows back that way (a queue paging bodies in, a stream consumer
/// behind the tail) took the id from whichever node had recovered it since, and wrote it again.
/// </summary>
public sealed record ReadEvents(string PersistenceId, long FromSequenceNr, long ToSequenceNr, IActorRef ReplyTo);
