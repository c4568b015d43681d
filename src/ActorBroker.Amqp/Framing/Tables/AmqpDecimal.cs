namespace ActorBroker.Amqp.Framing;

/// <summary>An AMQP decimal field value: <see cref="UnscaledValue"/> divided by ten to the power <see cref="Scale"/>.</summary>
public readonly record struct AmqpDecimal(byte Scale, uint UnscaledValue)
{
    /// <exception cref="OverflowException">The scale exceeds the 28 digits <see cref="decimal"/> can hold.</exception>
    public decimal ToDecimal()
    {
        if (Scale > 28)
        {
            throw new OverflowException($"AMQP decimal scale {Scale} exceeds the 28 digits System.Decimal holds");
        }

        // decimal's low word is read as unsigned, so the bit pattern of the uint carries over exactly.
        return new decimal(unchecked((int)UnscaledValue), 0, 0, false, Scale);
    }
}
