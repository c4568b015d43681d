using Akka.Actor;

namespace ActorBroker.Client.Actors;

/// <summary>
/// Publishes each <see cref="PublishMessage"/> with confirm and answers its sender with <see cref="PublishConfirmed"/>.
/// At most <c>window</c> messages wait for their confirm at once; further ones wait in the stash, in order, so a
/// fast producer is held back to the broker's pace instead of flooding it.
/// </summary>
internal sealed class PublisherActor : ReceiveActor, IWithUnboundedStash
{
    private readonly IActorRef _client;
    private readonly ConfirmTable _confirms;
    private readonly int _window;
    private readonly TimeSpan _timeout;
    private int _outstanding;

    public PublisherActor(IActorRef client, ConfirmTable confirms, int window, TimeSpan timeout)
    {
        _client = client;
        _confirms = confirms;
        _window = window;
        _timeout = timeout;
        Receive<PublishMessage>(Publish);
        Receive<Settled>(OnSettled);
    }

    public IStash Stash { get; set; } = null!;

    private void Publish(PublishMessage message)
    {
        if (_outstanding >= _window)
        {
            Stash.Stash();
            return;
        }

        _outstanding++;
        var replyTo = Sender;
        var confirmed = _confirms.Register(out var sequence);
        _client.Tell(new Protocol.Publish(sequence, message.Exchange, message.RoutingKey, message.Properties ?? MessageProperties.Empty, message.Body, message.Mandatory), _client);
        confirmed.WaitAsync(_timeout).PipeTo(
            Self,
            success: reply => new Settled(sequence, message, replyTo, reply),
            failure: error => new Settled(sequence, message, replyTo, error));
    }

    private void OnSettled(Settled settled)
    {
        _outstanding--;
        _confirms.Forget(settled.Sequence);
        settled.ReplyTo.Tell(Outcome(settled), Self);
        Stash.Unstash();
    }

    private static PublishConfirmed Outcome(Settled settled)
    {
        try
        {
            return settled.Reply is Exception error
                ? new PublishConfirmed(settled.Message, false, new BrokerClientException("No confirm from the broker in time.", error))
                : new PublishConfirmed(settled.Message, Replies.Accepted(settled.Reply));
        }
        catch (BrokerClientException error)
        {
            return new PublishConfirmed(settled.Message, false, error);
        }
    }

    private sealed record Settled(long Sequence, PublishMessage Message, IActorRef ReplyTo, object Reply);
}
