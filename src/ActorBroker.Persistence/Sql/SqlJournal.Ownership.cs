using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.Sql;

/// <summary>
/// Fencing: each claimed persistence id has a row in <c>journal_owners</c> whose token every new owner bumps. This
/// instance remembers the token of each id it claimed and checks it inside the transaction of each write, delete and
/// snapshot of that id, so a node that lost an entity (to another node's recovery) cannot write it any more.
/// </summary>
public abstract partial class SqlJournal
{
    // The tokens this instance holds, by persistence id. An id that lost its claim keeps its old token, which keeps
    // failing: forgetting it would let the former owner write unchecked.
    private readonly ConcurrentDictionary<string, long> _ownTokens = new(StringComparer.Ordinal);

    // Set by the first claim: until then a batch looks nothing up (ConcurrentDictionary.IsEmpty takes every lock).
    private volatile bool _anyClaimed;

    /// <summary>
    /// Reads the current tokens of <paramref name="persistenceIds"/> inside <paramref name="transaction"/>, holding them
    /// until it ends where the store has row locks, so that a claim waits for a write checked against the old token.
    /// </summary>
    protected abstract Task<Dictionary<string, long>> ReadOwnerTokensAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> persistenceIds, CancellationToken cancellationToken);

    public async Task<long> ClaimAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
                // On PostgreSQL the update waits for the share locks of writes in flight that were checked against the
                // old token, so their commits come before this one and the replay that follows sees them.
                using var command = Command(connection, null, """
                    INSERT INTO journal_owners (persistence_id, token) VALUES (@pid, 1)
                    ON CONFLICT (persistence_id) DO UPDATE SET token = journal_owners.token + 1
                    RETURNING token
                    """);
                AddParameter(command, "pid", persistenceId);
                var token = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                // Two claims of one id on this node at once must leave the newer token, or this node fences itself.
                _ownTokens.AddOrUpdate(persistenceId, token, (_, held) => Math.Max(held, token));
                _anyClaimed = true;
                return token;
            }
        }
        catch (DbException exception) when (ReportStoreFailure(exception))
        {
            throw;
        }
    }

    /// <summary>Throws <see cref="JournalFencedException"/> when a claimed id among the writes has another owner now.</summary>
    private Task EnsureOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        if (!_anyClaimed)
        {
            return Task.CompletedTask;
        }

        Dictionary<string, long>? held = null;
        foreach (var write in writes)
        {
            if (_ownTokens.TryGetValue(write.PersistenceId, out var token))
            {
                (held ??= new Dictionary<string, long>(StringComparer.Ordinal))[write.PersistenceId] = token;
            }
        }

        return held is null ? Task.CompletedTask : EnsureHeldAsync(connection, transaction, held, cancellationToken);
    }

    /// <summary>The single-id form of <see cref="EnsureOwnedAsync(DbConnection, DbTransaction, IReadOnlyList{AtomicWrite}, CancellationToken)"/>, for deletes and snapshots.</summary>
    private Task EnsureOwnedAsync(DbConnection connection, DbTransaction transaction, string persistenceId, CancellationToken cancellationToken) =>
        _anyClaimed && _ownTokens.TryGetValue(persistenceId, out var token)
            ? EnsureHeldAsync(connection, transaction, new Dictionary<string, long>(StringComparer.Ordinal) { [persistenceId] = token }, cancellationToken)
            : Task.CompletedTask;

    private async Task EnsureHeldAsync(
        DbConnection connection, DbTransaction transaction, Dictionary<string, long> held, CancellationToken cancellationToken)
    {
        var current = await ReadOwnerTokensAsync(connection, transaction, held.Keys, cancellationToken).ConfigureAwait(false);
        List<string>? fenced = null;
        foreach (var (persistenceId, token) in held)
        {
            if (!current.TryGetValue(persistenceId, out var now) || now != token)
            {
                (fenced ??= []).Add(persistenceId);
            }
        }

        if (fenced is not null)
        {
            throw new JournalFencedException(fenced);
        }
    }
}
