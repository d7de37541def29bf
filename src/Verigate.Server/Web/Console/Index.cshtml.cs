using Microsoft.Extensions.Localization;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>The console's start page: where to begin a call, and the rule of every call.</summary>
public sealed class IndexModel(IStringLocalizer<Text> text) : ConsolePageModel(text)
{
    public void OnGet()
    {
    }
}
