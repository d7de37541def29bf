namespace Verigate.Delivery.Templates;

/// <summary>The built-in Spanish texts.</summary>
internal static class SpanishTemplates
{
    public static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        ["purpose.sign_up"] = "para confirmar tu nueva cuenta de {product}",
        ["purpose.new_device"] = "para iniciar sesión en un dispositivo nuevo",
        ["purpose.password_reset"] = "para restablecer tu contraseña de {product}",
        ["purpose.contact_change"] = "para confirmar un nuevo contacto de tu cuenta de {product}",
        ["purpose.step_up"] = "para confirmar que eres tú",
        ["purpose.account_recovery"] = "para recuperar tu cuenta de {product}",
        ["purpose.login"] = "para iniciar sesión en {product}",
        ["purpose.signup"] = "para terminar de registrarte en {product}",
        ["purpose.two_factor"] = "para activar la verificación en dos pasos",
        ["purpose.link_account"] = "para vincular tu cuenta con otro servicio",
        ["purpose.transaction"] = "para aprobar una transacción",
        ["purpose.default"] = "para verificar que eres tú en {product}",
        ["sms.code"] = "{code} es tu código de {product} {purpose}.",
        ["sms.never"] = "Nunca te pediremos este código: no lo compartas.",
        ["sms.report"] = "¿No lo pediste? {reportUrl}",
        ["sms.service_code"] = "Tu código de verificación de {service} es: {code}.",
        ["email.service_code.subject"] = "Tu código de verificación de {service}",
        ["email.service_code.body"] =
            "Tu código de verificación de {service} es:\n\n    {code}\n\n" +
            "Caduca en {minutes} minutos y solo sirve una vez.\n\n" +
            "Nunca te pediremos este código, ni por teléfono, ni por correo, ni por chat. Quien te lo pida está intentando quedarse con tu cuenta.\n\n" +
            "¿No pediste este código? Avísanos y lo cancelaremos: {reportUrl}\n",
        ["email.code.subject"] = "Tu código de {product} {purpose}",
        ["email.code.body"] =
            "{request}" +
            "Tu código de {product} {purpose} es:\n\n    {code}\n\n" +
            "Caduca en {minutes} minutos y solo sirve una vez.\n\n" +
            "Nunca te pediremos este código, ni por teléfono, ni por correo, ni por chat. Quien te lo pida está intentando quedarse con tu cuenta.\n\n" +
            "¿No pediste este código? Avísanos y lo cancelaremos: {reportUrl}\n",
        ["notice.account_recovery_requested.subject"] = "Alguien pidió quitar la verificación en dos pasos de tu cuenta de {product}",
        ["notice.account_recovery_requested.body"] =
            "Alguien que conoce tu contraseña de {product} y recibió un código en una de tus direcciones pidió quitar la verificación en dos pasos de tu cuenta, porque se perdieron la app de autenticación y los códigos de recuperación.\n\n" +
            "Se quitará dentro de {hours} horas si no lo cancelas: inicia sesión en {publicBase} o usa el enlace de abajo.\n\n" +
            "¿No fuiste tú, o encontraste tu app? Cancélala (y si no fuiste tú, cambia tu contraseña): {link}",
        ["notice.account_recovery_canceled.subject"] = "Se canceló la recuperación de tu cuenta de {product}",
        ["notice.account_recovery_canceled.body"] =
            "Se canceló la solicitud de quitar la verificación en dos pasos de tu cuenta de {product}. No se cambió nada.",
        ["notice.account_recovery_completed.subject"] = "Se quitó la verificación en dos pasos de tu cuenta de {product}",
        ["notice.account_recovery_completed.body"] =
            "Terminó el plazo de espera de una recuperación de cuenta, así que se quitó la verificación en dos pasos (la app de autenticación y los códigos de recuperación) de tu cuenta de {product}.\n\n" +
            "Vuelve a activarla en {publicBase}. Si no fuiste tú, restablece tu contraseña ahora.",
        ["notice.password_changed.subject"] = "Se cambió tu contraseña de {product}",
        ["notice.password_changed.body"] =
            "La contraseña de tu cuenta de {product} se acaba de cambiar y se cerraron todas las demás sesiones.\n\n" +
            "Si no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.code_reported.subject"] = "Cancelamos un código de {product} que no pediste",
        ["notice.code_reported.body"] =
            "Nos dijiste que no pediste un código de {product}, así que lo cancelamos: ya nadie puede usarlo.\n\n" +
            "Si sigues recibiendo códigos que no pediste, puede que alguien conozca tu contraseña: cámbiala.",
        ["notice.totp_enabled.subject"] = "El inicio de sesión en dos pasos está activo en tu cuenta de {product}",
        ["notice.totp_enabled.body"] =
            "Se acaba de añadir una app de autenticación a tu cuenta de {product}: iniciar sesión en un dispositivo nuevo ahora pide su código.\n\n" +
            "Si no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.totp_disabled.subject"] = "Se desactivó el inicio de sesión en dos pasos de tu cuenta de {product}",
        ["notice.totp_disabled.body"] =
            "Se acaba de quitar la app de autenticación de tu cuenta de {product}, y sus códigos de recuperación ya no sirven.\n\n" +
            "Si no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.recovery_codes_regenerated.subject"] = "Se crearon nuevos códigos de recuperación de {product}",
        ["notice.recovery_codes_regenerated.body"] =
            "Se acaban de crear nuevos códigos de recuperación para tu cuenta de {product}; los anteriores ya no sirven.\n\n" +
            "Si no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.recovery_code_used.subject"] = "Se usó un código de recuperación de {product}",
        ["notice.recovery_code_used.body"] =
            "Se acaba de usar uno de tus códigos de recuperación de {product}; quedan {remaining}.\n\n" +
            "Si no fuiste tú, restablece tu contraseña ahora en {publicBase} y crea nuevos códigos de recuperación.",
        ["request.sign_up"] =
            "Alguien está creando una cuenta de {product} con esta dirección{onDevice} a las {time} UTC.",
        ["request.new_device"] = "Alguien está iniciando sesión{onDevice} a las {time} UTC.",
        ["request.password_reset"] = "Alguien pidió restablecer tu contraseña{onDevice} a las {time} UTC.",
        ["request.contact_change"] =
            "Alguien está añadiendo esta dirección a una cuenta de {product}{onDevice} a las {time} UTC.",
        ["request.step_up"] = "Alguien está confirmando un cambio en tu cuenta{onDevice} a las {time} UTC.",
        ["request.account_recovery"] = "Alguien está recuperando tu cuenta{onDevice} a las {time} UTC.",
        ["request.default"] = "Este código se pidió{onDevice} a las {time} UTC.",
        ["request.on_device"] = " en '{device}'",
        ["device.unnamed"] = "un dispositivo sin nombre",
        ["notice.new_device_sign_in.subject"] = "Nuevo inicio de sesión en tu cuenta de {product}",
        ["notice.new_device_sign_in.body"] =
            "Alguien inició sesión en tu cuenta de {product} en {device} a las {time} UTC.\n\nSi fuiste tú, no tienes que hacer nada.\n\n¿No fuiste tú? Protege tu cuenta: se cierran todas las sesiones y tu contraseña deja de funcionar; después eliges una nueva: {link}",
        ["notice.account_secured.subject"] = "Tu cuenta de {product} está protegida",
        ["notice.account_secured.body"] =
            "Se cerraron todas las sesiones, se olvidaron los dispositivos recordados, se cancelaron los códigos pendientes y tu contraseña ya no funciona.\n\nElige una contraseña nueva con \"¿Olvidaste tu contraseña?\" en {publicBase}.",
        ["notice.passkey_added.subject"] = "Se añadió una llave de acceso a tu cuenta de {product}",
        ["notice.passkey_added.body"] =
            "Se acaba de añadir una llave de acceso a tu cuenta de {product}: ya puede usarse para iniciar sesión.\n\nSi no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.passkey_removed.subject"] = "Se quitó una llave de acceso de tu cuenta de {product}",
        ["notice.passkey_removed.body"] =
            "Se acaba de quitar una llave de acceso de tu cuenta de {product}.\n\nSi no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.support_action.subject"] = "Nuestro equipo de soporte hizo un cambio en tu cuenta de {product}",
        ["notice.support_action.body"] = "Una persona de nuestro equipo de soporte, en una llamada contigo, hizo esto en tu cuenta de {product}: {actionText}.\n\nSi no nos llamaste, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.support_action.sms"] = "{product}: nuestro soporte hizo esto en tu cuenta: {actionText}. ¿No nos llamaste? Restablece tu contraseña: {publicBase}",
        ["support_action.resend_code"] = "volvió a enviar tu código",
        ["support_action.cancel_code"] = "canceló un código pendiente",
        ["support_action.password_reset"] = "inició un restablecimiento de contraseña (el código se te envió a ti)",
        ["support_action.sign_out_everywhere"] = "cerró todas las sesiones",
        ["support_action.forget_devices"] = "olvidó tus dispositivos recordados",
        ["support_action.lock_sign_in"] = "bloqueó el inicio de sesión en tu cuenta",
        ["support_action.unlock_sign_in"] = "desbloqueó el inicio de sesión en tu cuenta",
        ["support_action.start_account_recovery"] = "inició una recuperación de la cuenta",
        ["support_action.cancel_account_recovery"] = "canceló la recuperación de la cuenta",
        ["notice.new_device_sign_in.sms"] =
            "{product}: nuevo inicio de sesion en {device} a las {time} UTC. ¿No fuiste tu? Protege tu cuenta: {link}",
        ["notice.contact_added.subject"] = "Se añadió un contacto nuevo a tu cuenta de {product}",
        ["notice.contact_added.body"] =
            "Se añadió {to} a tu cuenta de {product} el {when} desde {device}. Ahora pueden llegar allí códigos y avisos.\n\n" +
            "¿No fuiste tú? Deshazlo (también cierra la sesión en todos los dispositivos): {link}",
        ["notice.contact_changed.subject"] = "Se cambió un contacto de tu cuenta de {product}",
        ["notice.contact_changed.body"] =
            "{to} sustituyó a {from} como contacto principal de tu cuenta de {product} el {when} desde {device}.\n\n" +
            "¿No fuiste tú? Deshazlo (también cierra la sesión en todos los dispositivos): {link}",
        ["notice.contact_removed.subject"] = "Se quitó un contacto de tu cuenta de {product}",
        ["notice.contact_removed.body"] =
            "Se quitó {to} de tu cuenta de {product} el {when} desde {device}.\n\n" +
            "Si no fuiste tú, restablece tu contraseña ahora en {publicBase} y revisa tus dispositivos.",
        ["notice.contact_change_undone.subject"] = "Se deshizo un cambio de contacto en tu cuenta de {product}",
        ["notice.contact_change_undone.body"] =
            "El cambio que añadió {to} a tu cuenta de {product} se deshizo el {when}, y se cerró la sesión en todos los dispositivos.\n\n" +
            "Vuelve a iniciar sesión en {publicBase}. Si otra persona conoce tu contraseña, cámbiala.",
    };
}
