using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Verigate.Server.Web.Challenges;
using Verigate.Server.Web.Console;
using Verigate.Server.Web.Sessions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web;

/// <summary>
/// The pages people use (sign-up, sign-in, reset, the security center): Razor Pages under Web/, one layout, texts in
/// en/es/de resource files, cookie sessions, antiforgery on every form, a strict CSP and static files from the assembly.
/// </summary>
public static class WebServiceCollectionExtensions
{
    public static readonly string[] Languages = ["en", "es", "de"];

    public static IServiceCollection AddVerigateWeb(this IServiceCollection services)
    {
        services.AddSingleton<WebCookies>();
        services.AddSingleton<PendingChallengeCookie>();
        services.AddSingleton<SessionCookies>();
        services.AddSingleton<Passkeys.WebAuthnCeremonies>();
        services.AddLocalization();
        // Spanish and German letters as they are, not as &#xFC; entities: the encoder still escapes markup.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web";
            o.Conventions.AuthorizeFolder("/Account", WebSession.Policy);
            o.Conventions.AuthorizeFolder("/TwoFactor", WebSession.Policy);
            // Passkey management; the passkey sign-in page beside it is for visitors who are not signed in yet.
            o.Conventions.AuthorizePage("/Passkeys/Passkeys", WebSession.Policy);
            o.Conventions.AuthorizeFolder("/ActivityLog", WebSession.Policy);
            o.Conventions.AuthorizeFolder("/SupportPins", WebSession.Policy);
            o.Conventions.AuthorizeFolder("/Contacts", WebSession.Policy);
            o.Conventions.AddConsoleConventions();
        }).AddMvcOptions(o => o.Filters.Add<PageHeadersFilter>());
        services.AddOptions<AntiforgeryOptions>().Configure<WebCookies>((o, cookies) =>
        {
            o.Cookie.Name = cookies.Name("vg_af");
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = cookies.Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__vg_af";
        });
        services.AddOptions<RequestLocalizationOptions>().Configure<WebCookies>((o, cookies) =>
        {
            var cultures = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = cookies.Name("vg_lang") }, new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // The page cookie is the default way to authenticate, so every page (and the antiforgery token of every form,
        // which is bound to the signed-in user) sees the same person. The APIs are untouched: their policies name
        // their own schemes (bearer tokens), and a cookie alone never satisfies them.
        services.AddAuthentication(o => o.DefaultAuthenticateScheme = WebSession.Scheme)
            .AddScheme<AuthenticationSchemeOptions, WebSessionAuthenticationHandler>(WebSession.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(WebSession.Policy, p => p.AddAuthenticationSchemes(WebSession.Scheme).RequireAuthenticatedUser());
        services.AddVerigateConsole();
        return services;
    }

    /// <summary>
    /// People-facing error pages for everything that is not an API: an API client keeps getting RFC 9457 problems, a
    /// browser gets a page that reveals nothing. Must come before routing (the error page is routed on re-execution).
    /// </summary>
    public static IApplicationBuilder UseVerigatePageErrors(this IApplicationBuilder app) => app.UseWhen(IsPage, page =>
    {
        page.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", StatusCodeSelector = Api.Problems.ExceptionStatus.Of });
        page.UseStatusCodePagesWithReExecute("/error/{0}");
    });

    /// <summary>Static files and the language of the pages.</summary>
    public static WebApplication UseVerigateWeb(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/static",
            FileProvider = new EmbeddedFileProvider(typeof(WebServiceCollectionExtensions).Assembly, "Verigate.Server.Web.Static"),
        });
        // Options resolved by the middleware when the pipeline is built at start, after validation: resolving them
        // here would run validation while the app is merely built (check-config must report bad settings itself).
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapVerigateWeb(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    private static bool IsPage(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/v1") && !path.StartsWithSegments("/v2") && !path.StartsWithSegments("/openapi")
            && !path.StartsWithSegments("/static") && !path.StartsWithSegments("/readyz") && !path.StartsWithSegments("/livez")
            && !path.StartsWithSegments("/healthz");
    }
}
