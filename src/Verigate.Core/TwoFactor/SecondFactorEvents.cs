using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.TwoFactor;

/// <summary>The <c>second_factor.changed</c> webhook event, written in the transaction of the change it reports.</summary>
public static class SecondFactorEvents
{
    public const string TotpEnabled = "totp_enabled";
    public const string TotpDisabled = "totp_disabled";
    public const string RecoveryCodesRegenerated = "recovery_codes_regenerated";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string RemovedByAccountRecovery = "removed_by_account_recovery";

    public static Task PublishAsync(IStoreSession tx, long userId, string change, int? recoveryCodesRemaining, DateTimeOffset now, CancellationToken ct)
    {
        var data = new JsonObject
        {
            ["userId"] = userId.ToString(CultureInfo.InvariantCulture),
            ["change"] = change,
        };
        if (recoveryCodesRemaining is { } remaining)
        {
            data["recoveryCodesRemaining"] = remaining;
        }

        return WebhookPublisher.PublishAsync(tx, WebhookEventTypes.SecondFactorChanged, $"user:{userId}", null, data, now, ct);
    }
}
