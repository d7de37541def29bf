using Microsoft.Extensions.Options;
using Verigate.Core;

namespace Verigate.Server.Hosting;

/// <summary>
/// An unset <c>Verigate:PublicBaseUrl</c> becomes the first address the server listens on (<c>--urls</c>), so
/// development links point where the server really is; a wildcard host becomes 127.0.0.1.
/// </summary>
internal sealed class PublicUrlDefaults(IConfiguration configuration) : IPostConfigureOptions<VerigateOptions>
{
    public void PostConfigure(string? name, VerigateOptions options)
    {
        if (options.PublicBaseUrl is not null)
        {
            return;
        }

        var first = (configuration[WebHostDefaults.ServerUrlsKey] ?? WebApplicationBuilderExtensions.DefaultUrl)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return;
        }

        // Kestrel's wildcard forms are not valid URI hosts; a browser on this machine reaches them at 127.0.0.1.
        foreach (var wildcard in new[] { "://*:", "://+:", "://0.0.0.0:", "://[::]:" })
        {
            first = first.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        if (Uri.TryCreate(first, UriKind.Absolute, out var uri) && uri.Port != 0)
        {
            options.PublicBaseUrl = uri.GetLeftPart(UriPartial.Authority);
        }
    }
}
