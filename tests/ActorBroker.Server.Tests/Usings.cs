global using System.Text;
global using RabbitMQ.Client;
global using Xunit;
global using Xunit.Abstractions;
