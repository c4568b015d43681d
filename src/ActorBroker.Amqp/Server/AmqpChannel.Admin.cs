namespace ActorBroker.Amqp.Server;

internal sealed partial class AmqpChannel
{
    public long BrokerChannelId => _broker.Id;

    /// <summary>A management snapshot; safe to take from any thread (the counts may be a moment old).</summary>
    public async Task<AmqpChannelInfo> DescribeAsync(string connection, string virtualHost, string user)
    {
        var unacked = await _broker.CountUnackedAsync().ConfigureAwait(false);
        return new AmqpChannelInfo(
            connection, Number, _broker.Id, virtualHost, user, _consumers.Count, unacked,
            _consumerPrefetch, _channelPrefetch, _confirms is not null, _tx is not null);
    }
}
