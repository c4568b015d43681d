namespace ActorBroker.Broker.Confirms;

/// <summary>
/// The confirm of a publish whose publisher listens (<see cref="IPublishConfirmListener"/>): one object per
/// publish. The last queue often settles it on the journal writer's thread, the moment the message's write
/// commits; the listener is told from the thread pool, so that thread never waits on a publisher's connection
/// (the same hop a task's asynchronous continuation takes, without the task).
/// </summary>
internal sealed class ListenedConfirm(IPublishConfirmListener listener, ulong tag) : PublishConfirm, IThreadPoolWorkItem
{
    private bool _accepted;

    protected override void Completed(bool accepted)
    {
        _accepted = accepted;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute() => listener.Confirmed(tag, _accepted);
}
