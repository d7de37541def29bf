using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console;

/// <summary>
/// The language switcher for signed-in staff: the same as the people's (<see cref="Language.LanguageModel"/>), under the
/// console's policy, because a form's antiforgery token is bound to who is signed in, and only console pages see the
/// staff member.
/// </summary>
public sealed class LanguageModel(WebCookies cookies) : Language.LanguageModel(cookies);
