Console.WriteLine("actorbroker: not yet implemented");
