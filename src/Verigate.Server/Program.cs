using Verigate.Server.Api;
using Verigate.Server.Cli;
using Verigate.Server.Hosting;
using Verigate.Server.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.UseVerigateDefaults();
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    // A command prints its result (a secret, a list) on stdout; its logs go to stderr so scripts can capture the result.
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.Services
    .AddVerigateOptions(builder.Configuration)
    .AddVerigateStorage()
    .AddVerigateCore()
    .AddVerigateDelivery()
    .AddVerigateWebhooks()
    .AddVerigateApi();

var app = builder.Build();

if (MigrateCommand.Matches(args))
{
    return await MigrateCommand.RunAsync(app.Services, Console.Out, Console.Error);
}

if (WebhookCommand.Matches(args))
{
    return await WebhookCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (ApiKeyCommand.Matches(args))
{
    return await ApiKeyCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseVerigateApi();
app.MapVerigateApi();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host the real application.</summary>
public partial class Program;
