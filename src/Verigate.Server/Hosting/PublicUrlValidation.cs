using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Delivery;

namespace Verigate.Server.Hosting;

/// <summary>
/// Refuses real gateways with a loopback public URL: real people would receive <c>@127.0.0.1 #123456</c> and
/// report links only the server itself can open.
/// </summary>
internal sealed class PublicUrlValidation(IOptions<VerigateOptions> verigate) : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var v = verigate.Value;
        if (!options.Sms.IsConfigured && !options.Email.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        return v.PublicBaseIsLoopback && !v.AllowLoopbackPublicUrl
            ? ValidateOptionsResult.Fail(
                $"Verigate:PublicBaseUrl is the loopback address {v.PublicBase} while a real gateway sends messages: " +
                "links and the SMS @host line would point at this machine. Set Verigate:PublicBaseUrl to the public https origin " +
                "(or Verigate:AllowLoopbackPublicUrl=true if loopback is really meant).")
            : ValidateOptionsResult.Success;
    }
}
