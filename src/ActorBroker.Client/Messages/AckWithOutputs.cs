namespace ActorBroker.Client;

/// <summary>
/// A consumer's answer that acknowledges a delivery and publishes its outputs in one broker transaction: after a
/// crash of the broker either the ack and every output took effect, or none did (the delivery then comes again,
/// flagged redelivered). Send it to the delivery's sender, as a <see cref="DeliverySettlement"/>; the answer is a
/// <see cref="TransactionCommitted"/> once the outputs are in their queues, or a <see cref="TransactionFailed"/>.
/// Outputs go to plain exchanges (direct, fanout, topic, headers, the default exchange); their mandatory flag is not
/// honoured, as on AMQP's atomic transaction path.
/// </summary>
public sealed record AckWithOutputs(ulong DeliveryTag, IReadOnlyList<PublishMessage> Outputs);

/// <summary>The ack and the outputs of an <see cref="AckWithOutputs"/> took effect together.</summary>
public sealed record TransactionCommitted(ulong DeliveryTag);

/// <summary>
/// Neither the ack nor any output of an <see cref="AckWithOutputs"/> took effect: the delivery is back in its queue,
/// to be delivered again. <see cref="Code"/> is the AMQP reply code of the reason (540 when an output goes to an
/// exchange that cannot take part in a transaction: delayed, deduplicating, direct reply-to).
/// </summary>
public sealed record TransactionFailed(ulong DeliveryTag, int Code, string Reason);
