Console.WriteLine("codegen: not yet implemented");
