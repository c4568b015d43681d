using System.Collections.Immutable;
using AkkaAtomicWrite = Akka.Persistence.AtomicWrite;
using IPersistentRepresentation = Akka.Persistence.IPersistentRepresentation;

namespace ActorBroker.Persistence.Plugin;

/// <summary>The events of one Akka write call that want to hear of their commit (<see cref="ICommittedCallback"/>), told together.</summary>
internal sealed class CommittedCallbacks(List<ICommittedCallback> callbacks) : ICommittedCallback
{
    /// <summary>The callbacks among the events of the writes not rejected: null when none, the one itself when one.</summary>
    public static ICommittedCallback? Of(List<AkkaAtomicWrite> writes, Exception?[] rejections)
    {
        ICommittedCallback? single = null;
        List<ICommittedCallback>? several = null;
        for (var i = 0; i < writes.Count; i++)
        {
            if (rejections[i] is not null)
            {
                continue;
            }

            foreach (var representation in (IImmutableList<IPersistentRepresentation>)writes[i].Payload)
            {
                if (representation.Payload is not ICommittedCallback callback)
                {
                    continue;
                }

                if (single is null)
                {
                    single = callback;
                }
                else
                {
                    (several ??= [single]).Add(callback);
                }
            }
        }

        return several is null ? single : new CommittedCallbacks(several);
    }

    public void OnCommitted()
    {
        foreach (var callback in callbacks)
        {
            callback.OnCommitted();
        }
    }
}
