using ActorBroker.CrashHarness;

// publish JOURNAL PREFIX PUBLISHERS OUTSTANDING: publishes "PREFIX-p-n" forever from each publisher, printing
//   "confirmed PREFIX-p-n" once confirmed. Meant to be killed.
// drain JOURNAL: gets every message with manual ack, printing "delivered ID REDELIVERED" before acking it,
//   and exits 0 once the queue is empty.
try
{
    return args switch
    {
        ["publish", var journal, var prefix, var publishers, var outstanding] =>
            await PublishMode.RunAsync(journal, prefix, int.Parse(publishers, System.Globalization.CultureInfo.InvariantCulture), int.Parse(outstanding, System.Globalization.CultureInfo.InvariantCulture)),
        ["drain", var journal] => await DrainMode.RunAsync(journal),
        _ => Usage(),
    };
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"crash harness: {e.Message}");
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: ActorBroker.CrashHarness publish JOURNAL PREFIX PUBLISHERS OUTSTANDING | drain JOURNAL");
    return 2;
}
