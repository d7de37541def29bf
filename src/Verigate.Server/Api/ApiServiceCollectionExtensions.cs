using Verigate.Delivery;
using Verigate.Server.Api.AccountRecovery;
using Verigate.Server.Api.Accounts;
using Verigate.Server.Api.ActivityLog;
using Verigate.Server.Api.Attempts;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Challenges;
using Verigate.Server.Api.DeliveryReceipts;
using Verigate.Server.Api.DevInbox;
using Verigate.Server.Api.Devices;
using Verigate.Server.Api.Health;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.OpenApi;
using Verigate.Server.Api.PasswordReset;
using Verigate.Server.Api.Problems;
using Verigate.Server.Api.Sessions;
using Verigate.Server.Api.SignIn;
using Verigate.Server.Api.SignUp;
using Verigate.Server.Api.SupportPins;
using Verigate.Server.Api.TwilioVerify;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Api.Verifications;
using Verigate.Server.Api.Webhooks;
using Verigate.Server.Web;
using Verigate.Server.Web.ActionLinks;
using Verigate.Server.Web.Challenges;

namespace Verigate.Server.Api;

/// <summary>The HTTP edge: JSON, problems, authentication, OpenAPI; then the middleware and every route.</summary>
public static class ApiServiceCollectionExtensions
{
    public const int MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddVerigateApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, VerigateJsonContext.Default));
        services.AddVerigateProblems();
        services.AddVerigateAuth();
        services.AddVerigateOpenApi();
        return services;
    }

    public static WebApplication UseVerigateApi(this WebApplication app)
    {
        app.UseMiddleware<Security.SecurityHeadersMiddleware>();
        app.UseVerigateProblems();
        // Pages get pages, not problems, for a missing address or a bug; their re-executed error page needs routing
        // to run after that handler, hence the explicit UseRouting (otherwise implicitly first in the pipeline).
        app.UseVerigatePageErrors();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    public static WebApplication MapVerigateApi(this WebApplication app)
    {
        app.MapHealth();
        app.MapVerifications();
        app.MapAttempts();
        app.MapTwilioVerify();
        app.MapWebhooks();
        app.MapAccounts();
        app.MapSessions();
        app.MapChallenges();
        app.MapPasswordResets();
        app.MapMe();
        app.MapTwoFactor();
        app.MapAccountRecovery();
        app.MapSessionManagement();
        app.MapDevices();
        app.MapActivity();
        app.MapSupportPin();
        Contacts.ContactsApi.MapContacts(app);
        app.MapUsers();
        app.MapReportPage();
        app.MapActionLinkPages();
        app.MapDeliveryReceipts();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>().Value.UsesDevInbox)
        {
            app.MapDevInbox();
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
