global using System.Text;
global using ActorBroker.Amqp.EndToEnd.Tests.Support;
global using RabbitMQ.Client;
global using Xunit;
