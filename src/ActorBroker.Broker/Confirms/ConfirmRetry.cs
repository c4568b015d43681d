namespace ActorBroker.Broker.Confirms;

/// <summary>
/// Sends a committed effect (a transaction's output, its acks in another queue) again while its queue could not store
/// it (<see cref="PublishConfirm.Failed"/>: disk full, database down, its journal stopping), after a pause that doubles
/// up to <see cref="MaxPause"/>. The effect is committed, so giving up would lose it; a refusal ends it.
/// </summary>
internal static class ConfirmRetry
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Completes once <paramref name="first"/>, or the last attempt <paramref name="again"/> made from
    /// <paramref name="state"/>, was stored or refused. Allocates nothing when the first attempt is decided at once.
    /// </summary>
    public static Task UntilStoredAsync<TState>(PublishConfirm first, TState state, Func<TState, PublishConfirm> again, TimeProvider clock) =>
        first.Task.IsCompleted && !first.Failed ? Task.CompletedTask : RetryAsync(first, state, again, clock);

    private static async Task RetryAsync<TState>(PublishConfirm attempt, TState state, Func<TState, PublishConfirm> again, TimeProvider clock)
    {
        var pause = FirstPause;
        while (!await attempt.Task.ConfigureAwait(false) && attempt.Failed)
        {
            await Task.Delay(pause, clock).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            attempt = again(state);
        }
    }
}
