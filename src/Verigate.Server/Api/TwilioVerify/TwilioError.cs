namespace Verigate.Server.Api.TwilioVerify;

/// <summary>Twilio's error body, which its SDKs parse into an exception: <c>{code, message, more_info, status}</c>.</summary>
public sealed record TwilioError(int Code, string Message, string MoreInfo, int Status);
