global using ActorBroker.Tests.Shared;
global using Xunit;
