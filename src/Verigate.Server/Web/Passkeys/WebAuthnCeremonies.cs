using System.Globalization;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Passkeys;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Passkeys;

/// <summary>
/// The two WebAuthn ceremonies through Fido2 (fido2-net-lib): options for the browser, then verification of what the
/// authenticator signed. The relying party id and origin come from <c>Verigate:PublicBaseUrl</c>, never from a
/// request; user verification is required; the options (and their one-time challenge) wait in an encrypted,
/// HttpOnly cookie bound to the ceremony's purpose and are deleted when used.
/// </summary>
public sealed class WebAuthnCeremonies(IOptions<VerigateOptions> options, IDataProtectionProvider protection, WebCookies cookies, PasskeySettings passkeys, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly IDataProtector _protector = protection.CreateProtector("Verigate.Web.WebAuthn");
    private readonly Fido2 _fido2 = new(new Fido2Configuration
    {
        RPID = options.Value.PublicBase.Host,
        RPName = options.Value.ProductName,
        Origins = new HashSet<string> { options.Value.PublicBase.GetLeftPart(UriPartial.Authority) },
    });

    private string CookieName => cookies.Name("vg_webauthn");

    public string StartRegistration(HttpResponse response, long userId, string username, IEnumerable<Passkey> existing)
    {
        var created = _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle(userId), Name = username, DisplayName = username },
            ExcludeCredentials = [.. existing.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = created.ToJson();
        Remember(response, "register", json);
        return json;
    }

    /// <summary>The verified new passkey of <paramref name="userId"/>, or null when the answer does not verify.</summary>
    public async Task<Passkey?> FinishRegistrationAsync(HttpContext http, long userId, string credentialJson, string name, CancellationToken ct)
    {
        if (Recall(http, "register") is not { } json)
        {
            return null;
        }

        try
        {
            var answer = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(credentialJson);
            if (answer is null)
            {
                return null;
            }

            var credential = await _fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = answer,
                OriginalOptions = CredentialCreateOptions.FromJson(json),
                IsCredentialIdUniqueToUserCallback = async (args, token) => await passkeys.FindAsync(args.CredentialId, token) is null,
            }, ct);
            return new Passkey(credential.Id, userId, credential.PublicKey, credential.SignCount, credential.IsBackupEligible, credential.IsBackedUp,
                credential.AaGuid, name, time.GetUtcNow());
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    public string StartAssertion(HttpResponse response, string purpose)
    {
        var assertion = _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [], // discoverable: the authenticator offers the account's passkeys, no username typed
            UserVerification = UserVerificationRequirement.Required,
        });
        var json = assertion.ToJson();
        Remember(response, purpose, json);
        return json;
    }

    /// <summary>A verified assertion (signature, origin, challenge, user verification), or null.</summary>
    public async Task<PasskeyUse?> FinishAssertionAsync(HttpContext http, string purpose, string credentialJson, CancellationToken ct)
    {
        if (Recall(http, purpose) is not { } json)
        {
            return null;
        }

        try
        {
            var answer = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(credentialJson);
            if (answer is null || await passkeys.FindAsync(answer.RawId, ct) is not { } stored)
            {
                return null;
            }

            var verified = await _fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = answer,
                OriginalOptions = AssertionOptions.FromJson(json),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = (uint)stored.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(UserHandle(stored.UserId))),
            }, ct);
            return new PasskeyUse(verified.CredentialId, verified.SignCount, verified.IsBackedUp, time.GetUtcNow());
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The WebAuthn user handle: the permanent user id (never the username, which can change).</summary>
    private static byte[] UserHandle(long userId) => Encoding.ASCII.GetBytes(userId.ToString(CultureInfo.InvariantCulture));

    private void Remember(HttpResponse response, string purpose, string json) =>
        response.Cookies.Append(CookieName, _protector.Protect(purpose + "\n" + json), cookies.Options(Lifetime));

    private string? Recall(HttpContext http, string purpose)
    {
        var value = http.Request.Cookies[CookieName];
        cookies.Delete(http.Response, CookieName); // one ceremony per set of options
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var plain = _protector.Unprotect(value);
            return plain.StartsWith(purpose + "\n", StringComparison.Ordinal) ? plain[(purpose.Length + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
