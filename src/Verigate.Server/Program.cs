using Verigate.Server.Api;
using Verigate.Server.Cli;
using Verigate.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseVerigateDefaults();

builder.Services
    .AddVerigateOptions(builder.Configuration)
    .AddVerigateStorage()
    .AddVerigateCore()
    .AddVerigateDelivery()
    .AddVerigateApi();

var app = builder.Build();

if (MigrateCommand.Matches(args))
{
    return await MigrateCommand.RunAsync(app.Services, Console.Out, Console.Error);
}

if (ApiKeyCommand.Matches(args))
{
    return await ApiKeyCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (ServiceCommand.Matches(args))
{
    return await ServiceCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseVerigateApi();
app.MapVerigateApi();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host the real application.</summary>
public partial class Program;
