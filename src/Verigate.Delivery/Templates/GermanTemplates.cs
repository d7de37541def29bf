namespace Verigate.Delivery.Templates;

/// <summary>The built-in German texts.</summary>
internal static class GermanTemplates
{
    public static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        ["purpose.sign_up"] = "zur Bestätigung deines neuen {product}-Kontos",
        ["purpose.new_device"] = "zur Anmeldung auf einem neuen Gerät",
        ["purpose.password_reset"] = "zum Zurücksetzen deines {product}-Passworts",
        ["purpose.contact_change"] = "zur Bestätigung eines neuen Kontakts für dein {product}-Konto",
        ["purpose.step_up"] = "zur Bestätigung, dass du es bist",
        ["purpose.account_recovery"] = "zur Wiederherstellung deines {product}-Kontos",
        ["purpose.login"] = "zur Anmeldung bei {product}",
        ["purpose.signup"] = "zum Abschluss deiner Registrierung bei {product}",
        ["purpose.two_factor"] = "zum Einschalten der Bestätigung in zwei Schritten",
        ["purpose.link_account"] = "zur Verknüpfung deines Kontos mit einem anderen Dienst",
        ["purpose.transaction"] = "zur Freigabe einer Transaktion",
        ["purpose.default"] = "zur Bestätigung deiner Identität bei {product}",
        ["sms.code"] = "{code} ist dein {product}-Code {purpose}.",
        ["sms.never"] = "Wir fragen dich nie nach diesem Code: gib ihn nicht weiter.",
        ["sms.report"] = "Nicht angefordert? {reportUrl}",
        ["sms.service_code"] = "Dein {service}-Bestätigungscode lautet: {code}.",
        ["email.service_code.subject"] = "Dein {service}-Bestätigungscode",
        ["email.service_code.body"] =
            "Dein {service}-Bestätigungscode lautet:\n\n    {code}\n\n" +
            "Er läuft in {minutes} Minuten ab und gilt nur einmal.\n\n" +
            "Wir fragen dich nie nach diesem Code, weder am Telefon noch per E-Mail oder Chat. Wer danach fragt, will dein Konto übernehmen.\n\n" +
            "Du hast diesen Code nicht angefordert? Sag es uns, dann sperren wir ihn: {reportUrl}\n",
        ["email.code.subject"] = "Dein {product}-Code {purpose}",
        ["email.code.body"] =
            "{request}" +
            "Dein {product}-Code {purpose} lautet:\n\n    {code}\n\n" +
            "Er läuft in {minutes} Minuten ab und gilt nur einmal.\n\n" +
            "Wir fragen dich nie nach diesem Code, weder am Telefon noch per E-Mail oder Chat. Wer danach fragt, will dein Konto übernehmen.\n\n" +
            "Du hast diesen Code nicht angefordert? Sag es uns, dann sperren wir ihn: {reportUrl}\n",
        ["notice.account_recovery_requested.subject"] = "Jemand möchte die Anmeldung in zwei Schritten von deinem {product}-Konto entfernen",
        ["notice.account_recovery_requested.body"] =
            "Jemand, der dein {product}-Passwort kennt und einen Code an eine deiner Adressen erhalten hat, möchte die Anmeldung in zwei Schritten entfernen, weil Authenticator-App und Wiederherstellungscodes verloren seien.\n\n" +
            "Sie wird in {hours} Stunden entfernt, wenn du nicht abbrichst: Melde dich bei {publicBase} an oder nutze den Link unten.\n\n" +
            "Warst du das nicht, oder hast du deine App wieder? Brich sie ab (und ändere dein Passwort, wenn du es nicht warst): {link}",
        ["notice.account_recovery_canceled.subject"] = "Die Wiederherstellung deines {product}-Kontos wurde abgebrochen",
        ["notice.account_recovery_canceled.body"] =
            "Die Anfrage, die Anmeldung in zwei Schritten von deinem {product}-Konto zu entfernen, wurde abgebrochen. Es wurde nichts geändert.",
        ["notice.account_recovery_completed.subject"] = "Die Anmeldung in zwei Schritten wurde von deinem {product}-Konto entfernt",
        ["notice.account_recovery_completed.body"] =
            "Die Wartezeit einer Kontowiederherstellung ist abgelaufen, daher wurde die Anmeldung in zwei Schritten (Authenticator-App und Wiederherstellungscodes) von deinem {product}-Konto entfernt.\n\n" +
            "Schalte sie unter {publicBase} wieder ein. Warst du das nicht, setze jetzt dein Passwort zurück.",
        ["notice.password_changed.subject"] = "Dein {product}-Passwort wurde geändert",
        ["notice.password_changed.body"] =
            "Das Passwort deines {product}-Kontos wurde gerade geändert, und alle anderen Sitzungen wurden abgemeldet.\n\n" +
            "Warst du das nicht, setze dein Passwort jetzt unter {publicBase} zurück und prüfe deine Geräte.",
        ["notice.code_reported.subject"] = "Wir haben einen {product}-Code gesperrt, den du nicht angefordert hast",
        ["notice.code_reported.body"] =
            "Du hast uns mitgeteilt, dass du keinen {product}-Code angefordert hast. Wir haben ihn gesperrt: Niemand kann ihn jetzt verwenden.\n\n" +
            "Wenn du weiter Codes bekommst, die du nicht angefordert hast, kennt vielleicht jemand dein Passwort: ändere es.",
        ["notice.totp_enabled.subject"] = "Die Anmeldung in zwei Schritten ist für dein {product}-Konto jetzt aktiv",
        ["notice.totp_enabled.body"] =
            "Deinem {product}-Konto wurde gerade eine Authenticator-App hinzugefügt: Die Anmeldung auf einem neuen Gerät braucht jetzt ihren Code.\n\n" +
            "Warst du das nicht, setze dein Passwort jetzt unter {publicBase} zurück und prüfe deine Geräte.",
        ["notice.totp_disabled.subject"] = "Die Anmeldung in zwei Schritten wurde für dein {product}-Konto ausgeschaltet",
        ["notice.totp_disabled.body"] =
            "Die Authenticator-App wurde gerade von deinem {product}-Konto entfernt, und ihre Wiederherstellungscodes gelten nicht mehr.\n\n" +
            "Warst du das nicht, setze dein Passwort jetzt unter {publicBase} zurück und prüfe deine Geräte.",
        ["notice.recovery_codes_regenerated.subject"] = "Neue {product}-Wiederherstellungscodes wurden erstellt",
        ["notice.recovery_codes_regenerated.body"] =
            "Für dein {product}-Konto wurden gerade neue Wiederherstellungscodes erstellt; die bisherigen gelten nicht mehr.\n\n" +
            "Warst du das nicht, setze dein Passwort jetzt unter {publicBase} zurück und prüfe deine Geräte.",
        ["notice.recovery_code_used.subject"] = "Ein {product}-Wiederherstellungscode wurde verwendet",
        ["notice.recovery_code_used.body"] =
            "Einer deiner {product}-Wiederherstellungscodes wurde gerade verwendet; {remaining} sind noch übrig.\n\n" +
            "Warst du das nicht, setze dein Passwort jetzt unter {publicBase} zurück und erstelle neue Wiederherstellungscodes.",
        ["request.sign_up"] = "Jemand erstellt um {time} UTC{onDevice} ein {product}-Konto mit dieser Adresse.",
        ["request.new_device"] = "Jemand meldet sich um {time} UTC{onDevice} an.",
        ["request.password_reset"] =
            "Jemand hat um {time} UTC{onDevice} das Zurücksetzen deines Passworts angefordert.",
        ["request.contact_change"] = "Jemand fügt um {time} UTC{onDevice} diese Adresse einem {product}-Konto hinzu.",
        ["request.step_up"] = "Jemand bestätigt um {time} UTC{onDevice} eine Änderung an deinem Konto.",
        ["request.account_recovery"] = "Jemand stellt um {time} UTC{onDevice} dein Konto wieder her.",
        ["request.default"] = "Dieser Code wurde um {time} UTC{onDevice} angefordert.",
        ["request.on_device"] = " auf '{device}'",
        ["device.unnamed"] = "einem unbenannten Gerät",
        ["notice.new_device_sign_in.subject"] = "Neue Anmeldung bei deinem {product}-Konto",
        ["notice.new_device_sign_in.body"] =
            "Jemand hat sich um {time} UTC auf {device} bei deinem {product}-Konto angemeldet.\n\nWarst du das, musst du nichts tun.\n\nWarst du das nicht? Sichere dein Konto: Alle werden abgemeldet und dein Passwort funktioniert nicht mehr; danach wählst du ein neues: {link}",
        ["notice.account_secured.subject"] = "Dein {product}-Konto wurde gesichert",
        ["notice.account_secured.body"] =
            "Alle Sitzungen wurden beendet, gemerkte Geräte vergessen, offene Codes gesperrt, und dein Passwort funktioniert nicht mehr.\n\nWähle ein neues Passwort über \"Passwort vergessen?\" auf {publicBase}.",
        ["notice.passkey_added.subject"] = "Deinem {product}-Konto wurde ein Passkey hinzugefügt",
        ["notice.passkey_added.body"] =
            "Deinem {product}-Konto wurde gerade ein Passkey hinzugefügt: Er kann jetzt zur Anmeldung verwendet werden.\n\nWarst du das nicht, setze jetzt dein Passwort auf {publicBase} zurück und prüfe deine Geräte.",
        ["notice.passkey_removed.subject"] = "Ein Passkey wurde von deinem {product}-Konto entfernt",
        ["notice.passkey_removed.body"] =
            "Gerade wurde ein Passkey von deinem {product}-Konto entfernt.\n\nWarst du das nicht, setze jetzt dein Passwort auf {publicBase} zurück und prüfe deine Geräte.",
        ["notice.support_action.subject"] = "Unser Support hat etwas an deinem {product}-Konto geändert",
        ["notice.support_action.body"] = "Jemand aus unserem Support-Team hat in einem Gespräch mit dir Folgendes an deinem {product}-Konto getan: {actionText}.\n\nHast du uns nicht angerufen, setze jetzt dein Passwort auf {publicBase} zurück und prüfe deine Geräte.",
        ["notice.support_action.sms"] = "{product}: Unser Support hat an deinem Konto: {actionText}. Nicht du am Telefon? Setze dein Passwort zurück: {publicBase}",
        ["support_action.resend_code"] = "deinen Code erneut gesendet",
        ["support_action.cancel_code"] = "einen offenen Code abgebrochen",
        ["support_action.password_reset"] = "eine Passwort-Zurücksetzung gestartet (der Code ging an dich)",
        ["support_action.sign_out_everywhere"] = "alle Sitzungen abgemeldet",
        ["support_action.forget_devices"] = "deine gemerkten Geräte vergessen",
        ["support_action.lock_sign_in"] = "die Anmeldung an deinem Konto gesperrt",
        ["support_action.unlock_sign_in"] = "die Anmeldung an deinem Konto entsperrt",
        ["support_action.start_account_recovery"] = "eine Kontowiederherstellung gestartet",
        ["support_action.cancel_account_recovery"] = "die Kontowiederherstellung abgebrochen",
        ["notice.new_device_sign_in.sms"] =
            "{product}: neue Anmeldung auf {device} um {time} UTC. Nicht du? Sichere dein Konto: {link}",
        ["notice.contact_added.subject"] = "Deinem {product}-Konto wurde ein neuer Kontakt hinzugefügt",
        ["notice.contact_added.body"] =
            "{to} wurde am {when} von {device} aus deinem {product}-Konto hinzugefügt. Codes und Hinweise können jetzt dorthin gehen.\n\n" +
            "Warst du das nicht? Mach es rückgängig (dabei werden alle Geräte abgemeldet): {link}",
        ["notice.contact_changed.subject"] = "Ein Kontakt deines {product}-Kontos wurde geändert",
        ["notice.contact_changed.body"] =
            "{to} hat am {when} von {device} aus {from} als Hauptkontakt deines {product}-Kontos ersetzt.\n\n" +
            "Warst du das nicht? Mach es rückgängig (dabei werden alle Geräte abgemeldet): {link}",
        ["notice.contact_removed.subject"] = "Ein Kontakt wurde aus deinem {product}-Konto entfernt",
        ["notice.contact_removed.body"] =
            "{to} wurde am {when} von {device} aus deinem {product}-Konto entfernt.\n\n" +
            "Warst du das nicht, setze dein Passwort jetzt unter {publicBase} zurück und prüfe deine Geräte.",
        ["notice.contact_change_undone.subject"] = "Eine Kontaktänderung an deinem {product}-Konto wurde rückgängig gemacht",
        ["notice.contact_change_undone.body"] =
            "Die Änderung, die {to} deinem {product}-Konto hinzugefügt hat, wurde am {when} rückgängig gemacht, und alle Geräte wurden abgemeldet.\n\n" +
            "Melde dich unter {publicBase} wieder an. Wenn jemand anderes dein Passwort kennt, ändere es.",
    };
}
