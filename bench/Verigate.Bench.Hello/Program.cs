using Verigate.Bench.Hello;

// The baseline for the Verify API benchmark: the cheapest JSON POST this host can answer, on the Kestrel
// settings Verigate uses (see src/Verigate.Server/Hosting/WebApplicationBuilderExtensions.cs), so the ratio
// "Verigate requests/s ÷ hello requests/s" measures Verigate's own work, not the machine.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5181");
}

builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = 64 * 1024;
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HelloJsonContext.Default));

var app = builder.Build();

// Reads and deserializes the body like a Verigate endpoint does, so the baseline includes JSON in and out.
app.MapPost("/hello", (HelloRequest request) => TypedResults.Ok(new HelloResponse("hello", request.Name ?? "world")));

await app.RunAsync();
