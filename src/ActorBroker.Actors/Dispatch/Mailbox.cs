namespace ActorBroker.Actors;

/// <summary>
/// An actor's queues and its turn on the thread pool. The mailbox is queued on the pool only when it has
/// work, runs system messages before user messages, handles at most <c>Throughput</c> user messages per
/// turn and then yields. The scheduled flag guarantees that one thread at a time runs the actor. The
/// mailbox outlives actor instances: a restart keeps every queued message.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ActorCell _cell;
    private readonly MpscQueue<Envelope> _userQueue = new();
    private SystemMessage? _systemStack;
    private int _status;
    private volatile bool _closed;

    public Mailbox(ActorCell cell) => _cell = cell;

    /// <summary>True once the actor has stopped; later messages become dead letters.</summary>
    public bool IsClosed => _closed;

    public void Post(object message, IActorRef? sender)
    {
        if (_closed)
        {
            _cell.PublishDeadLetter(message, sender);
            return;
        }

        // A message that races with Close is still enqueued; the turn it schedules finds the mailbox
        // closed and turns it into a dead letter, so nothing is lost silently.
        _userQueue.Enqueue(new Envelope(message, sender));
        Schedule();
    }

    public void PostSystem(SystemMessage message)
    {
        SystemMessage? head;
        do
        {
            head = Volatile.Read(ref _systemStack);
            message.Next = head;
        }
        while (Interlocked.CompareExchange(ref _systemStack, message, head) != head);

        Schedule();
    }

    /// <summary>Called by the cell on its own turn when the actor has stopped.</summary>
    public void Close() => _closed = true;

    public void Execute()
    {
        try
        {
            if (!_closed)
            {
                ProcessSystemMessages();
                ProcessUserMessages();
            }

            if (_closed)
            {
                DrainClosed();
            }
        }
        finally
        {
            // The exchange is a full fence: a producer that enqueued before it is seen by HasWork, one that
            // enqueues after it sees Idle and schedules the mailbox itself.
            Interlocked.Exchange(ref _status, Idle);
            if (HasWork())
            {
                Schedule();
            }
        }
    }

    private void Schedule()
    {
        if (Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private bool HasWork()
    {
        if (Volatile.Read(ref _systemStack) is not null)
        {
            return true;
        }

        if (_closed)
        {
            return _userQueue.HasItems;
        }

        return _cell.CanProcessUserMessages && (_cell.HasUnstashed || _userQueue.HasItems);
    }

    private void ProcessUserMessages()
    {
        var remaining = _cell.System.Throughput;
        while (remaining > 0 && _cell.CanProcessUserMessages)
        {
            if (Volatile.Read(ref _systemStack) is not null)
            {
                ProcessSystemMessages();
                if (!_cell.CanProcessUserMessages)
                {
                    return;
                }
            }

            if (!_cell.TryTakeUnstashed(out var envelope) && !_userQueue.TryDequeue(out envelope))
            {
                return;
            }

            _cell.Invoke(envelope);
            remaining--;
        }
    }

    private void ProcessSystemMessages()
    {
        var batch = TakeSystemMessages();
        while (batch is not null)
        {
            var next = batch.Next;
            batch.Next = null;
            if (_closed)
            {
                _cell.SystemInvokeAfterStop(batch);
            }
            else
            {
                _cell.SystemInvoke(batch);
            }

            batch = next ?? TakeSystemMessages();
        }
    }

    /// <summary>Takes all pending system messages in the order they were sent.</summary>
    private SystemMessage? TakeSystemMessages()
    {
        // Most turns find no system message; a plain read spares them the locked exchange.
        if (Volatile.Read(ref _systemStack) is null)
        {
            return null;
        }

        var stack = Interlocked.Exchange(ref _systemStack, null);
        SystemMessage? ordered = null;
        while (stack is not null)
        {
            var next = stack.Next;
            stack.Next = ordered;
            ordered = stack;
            stack = next;
        }

        return ordered;
    }

    private void DrainClosed()
    {
        ProcessSystemMessages();
        while (_userQueue.TryDequeue(out var envelope))
        {
            _cell.PublishDeadLetter(envelope.Message, envelope.Sender);
        }
    }
}
