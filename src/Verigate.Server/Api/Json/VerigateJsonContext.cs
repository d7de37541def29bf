using System.Text.Json;
using System.Text.Json.Serialization;
using Verigate.Server.Api.AccountRecovery;
using Verigate.Server.Api.Accounts;
using Verigate.Server.Api.Challenges;
using Verigate.Server.Api.DeliveryReceipts;
using Verigate.Server.Api.DevInbox;
using Verigate.Server.Api.PasswordReset;
using Verigate.Server.Api.Sessions;
using Verigate.Server.Api.SignIn;
using Verigate.Server.Api.SignUp;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Api.Verifications;
using Verigate.Server.Api.Webhooks;

namespace Verigate.Server.Api.Json;

/// <summary>Compile-time JSON (de)serializers for every request and response: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StartAccountRecoveryRequest))]
[JsonSerializable(typeof(AccountRecoveryStartedResponse))]
[JsonSerializable(typeof(ConfirmAccountRecoveryRequest))]
[JsonSerializable(typeof(AccountRecoveryResponse))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(WebhookSecretResponse))]
[JsonSerializable(typeof(WebhookListResponse))]
[JsonSerializable(typeof(WebhookDeliveryListResponse))]
[JsonSerializable(typeof(WebhookReplayRequest))]
[JsonSerializable(typeof(WebhookReplayResponse))]
[JsonSerializable(typeof(StartVerificationRequest))]
[JsonSerializable(typeof(Verigate.Server.Api.Attempts.AttemptListResponse))]
[JsonSerializable(typeof(Verigate.Server.Api.Attempts.AttemptSummaryResponse))]
[JsonSerializable(typeof(ResendVerificationRequest))]
[JsonSerializable(typeof(CheckVerificationRequest))]
[JsonSerializable(typeof(VerificationResponse))]
[JsonSerializable(typeof(VerificationResentResponse))]
[JsonSerializable(typeof(VerificationStatusResponse))]
[JsonSerializable(typeof(VerificationDetailsResponse))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(CreateAccountResponse))]
[JsonSerializable(typeof(ChallengeStartedResponse))]
[JsonSerializable(typeof(CreateSessionRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(VerifyChallengeRequest))]
[JsonSerializable(typeof(ResendChallengeRequest))]
[JsonSerializable(typeof(ChallengeResentResponse))]
[JsonSerializable(typeof(List<ChallengeDeliveryResponse>))]
[JsonSerializable(typeof(ChallengeReportedResponse))]
[JsonSerializable(typeof(StartPasswordResetRequest))]
[JsonSerializable(typeof(PasswordResetStartedResponse))]
[JsonSerializable(typeof(CompletePasswordResetRequest))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(UpdateMeRequest))]
[JsonSerializable(typeof(PublicUserResponse))]
[JsonSerializable(typeof(List<DevMessageResponse>))]
[JsonSerializable(typeof(HttpStatusReport))]
[JsonSerializable(typeof(SignInChallengeResponse))]
[JsonSerializable(typeof(ReauthenticateRequest))]
[JsonSerializable(typeof(ReauthenticatedResponse))]
[JsonSerializable(typeof(TotpEnrolmentResponse))]
[JsonSerializable(typeof(ConfirmTotpRequest))]
[JsonSerializable(typeof(DisableTotpRequest))]
[JsonSerializable(typeof(RecoveryCodesResponse))]
[JsonSerializable(typeof(List<SessionInfoResponse>))]
[JsonSerializable(typeof(RevokedSessionsResponse))]
[JsonSerializable(typeof(List<Verigate.Server.Api.Devices.AccountDeviceResponse>))]
[JsonSerializable(typeof(List<Verigate.Server.Api.ActivityLog.ActivityEntryResponse>))]
[JsonSerializable(typeof(Verigate.Server.Api.SupportPins.SupportPinResponse))]
[JsonSerializable(typeof(Verigate.Server.Api.Contacts.AddContactRequest))]
[JsonSerializable(typeof(Verigate.Server.Api.Contacts.ContactChangeStartedResponse))]
[JsonSerializable(typeof(Verigate.Server.Api.Contacts.ContactListResponse))]
[JsonSerializable(typeof(Verigate.Server.Api.Contacts.VerifyContactRequest))]
internal sealed partial class VerigateJsonContext : JsonSerializerContext;
