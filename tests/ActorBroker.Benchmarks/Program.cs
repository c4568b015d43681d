Console.WriteLine("benchmarks: not yet implemented");
