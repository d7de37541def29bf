using Microsoft.Extensions.Localization;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>What every signed-in console page model needs: the staff member who is acting, as the audit trail names them.</summary>
public abstract class ConsolePageModel(IStringLocalizer<Text> text) : WebPageModel(text)
{
    protected long StaffId => User.StaffId();

    protected string StaffActor => User.StaffActor();

    protected bool IsAdmin => User.IsAdmin();
}
