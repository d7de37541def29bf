namespace Verigate.Delivery.Templates;

/// <summary>The built-in English texts, and the fallback for every key another language lacks.</summary>
internal static class EnglishTemplates
{
    public static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        ["purpose.sign_up"] = "to confirm your new {product} account",
        ["purpose.new_device"] = "to sign in on a new device",
        ["purpose.password_reset"] = "to reset your {product} password",
        ["purpose.contact_change"] = "to confirm a new contact for your {product} account",
        ["purpose.step_up"] = "to confirm it's you",
        ["purpose.account_recovery"] = "to recover your {product} account",
        ["purpose.login"] = "to sign in to {product}",
        ["purpose.signup"] = "to finish signing up for {product}",
        ["purpose.two_factor"] = "to turn on two-step verification",
        ["purpose.link_account"] = "to link your account to another service",
        ["purpose.transaction"] = "to approve a transaction",
        ["purpose.default"] = "to verify it's you on {product}",
        ["sms.code"] = "{code} is your {product} code {purpose}.",
        ["sms.never"] = "We will never ask you for this code: do not share it.",
        ["sms.report"] = "Didn't ask for it? {reportUrl}",
        ["sms.service_code"] = "Your {service} verification code is: {code}.",
        ["email.service_code.subject"] = "Your {service} verification code",
        ["email.service_code.body"] =
            "Your {service} verification code is:\n\n    {code}\n\n" +
            "It expires in {minutes} minutes and works once.\n\n" +
            "We will never ask you for this code, by phone, email or chat. Anyone who asks for it is trying to take over your account.\n\n" +
            "Didn't ask for this code? Tell us and we will cancel it: {reportUrl}\n",
        ["email.code.subject"] = "Your {product} code {purpose}",
        ["email.code.body"] =
            "{request}" +
            "Your {product} code {purpose} is:\n\n    {code}\n\n" +
            "It expires in {minutes} minutes and works once.\n\n" +
            "We will never ask you for this code, by phone, email or chat. Anyone who asks for it is trying to take over your account.\n\n" +
            "Didn't ask for this code? Tell us and we will cancel it: {reportUrl}\n",
        ["notice.account_recovery_requested.subject"] = "Someone asked to remove two-step sign-in from your {product} account",
        ["notice.account_recovery_requested.body"] =
            "Someone who knows your {product} password and got a code at one of your addresses asked to remove two-step sign-in from your account, because the authenticator app and recovery codes were lost.\n\n" +
            "It will be removed in {hours} hours unless you cancel: sign in at {publicBase}, or use the link below.\n\n" +
            "Not you, or found your app? Cancel it (and if it was not you, change your password): {link}",
        ["notice.account_recovery_canceled.subject"] = "The recovery of your {product} account was canceled",
        ["notice.account_recovery_canceled.body"] =
            "The request to remove two-step sign-in from your {product} account was canceled. Nothing was changed.",
        ["notice.account_recovery_completed.subject"] = "Two-step sign-in was removed from your {product} account",
        ["notice.account_recovery_completed.body"] =
            "The waiting period of an account recovery ended, so two-step sign-in (the authenticator app and recovery codes) was removed from your {product} account.\n\n" +
            "Turn it on again at {publicBase}. If this was not you, reset your password now.",
        ["notice.password_changed.subject"] = "Your {product} password was changed",
        ["notice.password_changed.body"] =
            "The password of your {product} account was just changed, and every other session was signed out.\n\n" +
            "If this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.code_reported.subject"] = "We canceled a {product} code you didn't request",
        ["notice.code_reported.body"] =
            "You told us you did not request a {product} code, so we canceled it: nobody can use it now.\n\n" +
            "If you keep receiving codes you did not ask for, someone may know your password: change it.",
        ["notice.totp_enabled.subject"] = "Two-step sign-in is now on for your {product} account",
        ["notice.totp_enabled.body"] =
            "An authenticator app was just added to your {product} account: signing in on a new device now needs its code.\n\n" +
            "If this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.totp_disabled.subject"] = "Two-step sign-in was turned off for your {product} account",
        ["notice.totp_disabled.body"] =
            "The authenticator app was just removed from your {product} account, and its recovery codes no longer work.\n\n" +
            "If this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.recovery_codes_regenerated.subject"] = "New {product} recovery codes were created",
        ["notice.recovery_codes_regenerated.body"] =
            "A new set of recovery codes was just created for your {product} account; the previous codes no longer work.\n\n" +
            "If this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.recovery_code_used.subject"] = "A {product} recovery code was used",
        ["notice.recovery_code_used.body"] =
            "One of your {product} recovery codes was just used; {remaining} remain.\n\n" +
            "If this was not you, reset your password now at {publicBase} and create new recovery codes.",
        ["request.sign_up"] =
            "Someone is creating a {product} account with this address{onDevice} at {time} UTC.",
        ["request.new_device"] = "Someone is signing in{onDevice} at {time} UTC.",
        ["request.password_reset"] = "Someone asked to reset your password{onDevice} at {time} UTC.",
        ["request.contact_change"] = "Someone is adding this address to a {product} account{onDevice} at {time} UTC.",
        ["request.step_up"] = "Someone is confirming a change to your account{onDevice} at {time} UTC.",
        ["request.account_recovery"] = "Someone is recovering your account{onDevice} at {time} UTC.",
        ["request.default"] = "This code was requested{onDevice} at {time} UTC.",
        ["request.on_device"] = " on '{device}'",
        ["device.unnamed"] = "an unnamed device",
        ["notice.new_device_sign_in.subject"] = "New sign-in to your {product} account",
        ["notice.new_device_sign_in.body"] =
            "Someone signed in to your {product} account on {device} at {time} UTC.\n\nIf this was you, there is nothing to do.\n\nThis wasn't you? Secure your account: everyone is signed out and your password stops working, then you choose a new one: {link}",
        ["notice.account_secured.subject"] = "Your {product} account was secured",
        ["notice.account_secured.body"] =
            "Every session was signed out, remembered devices were forgotten, pending codes were canceled and your password no longer works.\n\nChoose a new password with \"Forgot your password?\" at {publicBase}.",
        ["notice.passkey_added.subject"] = "A passkey was added to your {product} account",
        ["notice.passkey_added.body"] =
            "A passkey was just added to your {product} account: it can now be used to sign in.\n\nIf this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.passkey_removed.subject"] = "A passkey was removed from your {product} account",
        ["notice.passkey_removed.body"] =
            "A passkey was just removed from your {product} account.\n\nIf this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.support_action.subject"] = "Our support team made a change to your {product} account",
        ["notice.support_action.body"] = "A member of our support team, on a call with you, did this on your {product} account: {actionText}.\n\nIf you did not call us, reset your password now at {publicBase} and review your devices.",
        ["notice.support_action.sms"] = "{product}: our support team did this on your account: {actionText}. Not you on the phone with us? Reset your password: {publicBase}",
        ["support_action.resend_code"] = "sent your code again",
        ["support_action.cancel_code"] = "canceled a pending code",
        ["support_action.password_reset"] = "started a password reset (the code was sent to you)",
        ["support_action.sign_out_everywhere"] = "signed out every session",
        ["support_action.forget_devices"] = "forgot your remembered devices",
        ["support_action.lock_sign_in"] = "locked sign-in to your account",
        ["support_action.unlock_sign_in"] = "unlocked sign-in to your account",
        ["support_action.start_account_recovery"] = "started an account recovery",
        ["support_action.cancel_account_recovery"] = "canceled the account recovery",
        ["notice.new_device_sign_in.sms"] =
            "{product}: new sign-in on {device} at {time} UTC. Not you? Secure your account: {link}",
        ["notice.contact_added.subject"] = "A new contact was added to your {product} account",
        ["notice.contact_added.body"] =
            "{to} was added to your {product} account on {when} from {device}. Codes and notices can now go there.\n\n" +
            "Not you? Undo it (this also signs out every device): {link}",
        ["notice.contact_changed.subject"] = "Your {product} contact was changed",
        ["notice.contact_changed.body"] =
            "{to} replaced {from} as the primary contact of your {product} account on {when} from {device}.\n\n" +
            "Not you? Undo it (this also signs out every device): {link}",
        ["notice.contact_removed.subject"] = "A contact was removed from your {product} account",
        ["notice.contact_removed.body"] =
            "{to} was removed from your {product} account on {when} from {device}.\n\n" +
            "If this was not you, reset your password now at {publicBase} and review your devices.",
        ["notice.contact_change_undone.subject"] = "A contact change on your {product} account was undone",
        ["notice.contact_change_undone.body"] =
            "The change that added {to} to your {product} account was undone on {when}, and every device was signed out.\n\n" +
            "Sign in again at {publicBase}. If someone else knows your password, change it.",
    };
}
