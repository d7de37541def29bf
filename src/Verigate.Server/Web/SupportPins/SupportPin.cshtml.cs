using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.SupportPins;
using Verigate.Server.Api.Auth;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.SupportPins;

/// <summary>Makes a support PIN to read to an agent; it is shown once, with its expiry, and a new one replaces it.</summary>
public sealed class SupportPinModel(IStringLocalizer<Text> text, SupportPinService pins) : WebPageModel(text)
{
    public IssuedSupportPin? Issued { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var pin = await pins.CreateAsync(User.UserId(), Client, ct);
        if (!pin.IsSuccess)
        {
            return Fail(pin.Error);
        }

        Response.Headers.CacheControl = "no-store";
        Issued = pin.Value;
        return Page();
    }
}
