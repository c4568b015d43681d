Console.WriteLine("ActorBroker node: not yet implemented");
