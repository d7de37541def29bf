// Verigate pages: small progressive enhancements. Every page works without this file except passkeys.
'use strict';
(function () {
  const pad = (n) => String(n).padStart(2, '0');
  const left = (until) => Math.max(0, Math.ceil((until - Date.now()) / 1000));
  const clock = (s) => Math.floor(s / 60) + ':' + pad(s % 60);

  // Live expiry: "in 9:41", then the expired wording (without script the page says "at 10:15 UTC").
  document.querySelectorAll('[data-countdown]').forEach((el) => {
    const until = Date.parse(el.getAttribute('data-countdown'));
    const tick = () => {
      const s = left(until);
      el.textContent = s > 0 ? el.getAttribute('data-left').replace('{0}', clock(s)) : el.getAttribute('data-expired');
      if (s > 0) setTimeout(tick, 1000);
    };
    tick();
  });

  // Resend countdown: the button waits, saying how long; the server refuses early resends anyway.
  document.querySelectorAll('[data-wait-until]').forEach((button) => {
    const until = Date.parse(button.getAttribute('data-wait-until'));
    const label = button.textContent;
    const wait = button.getAttribute('data-wait-label');
    const tick = () => {
      const s = left(until);
      button.disabled = s > 0;
      button.textContent = s > 0 ? wait.replace('{0}', clock(s)) : label;
      if (s > 0) setTimeout(tick, 1000);
    };
    tick();
  });

  // Pasting "123 456" or "123-456" leaves the digits.
  document.querySelectorAll('input.code').forEach((input) => {
    input.addEventListener('paste', (e) => {
      const text = (e.clipboardData || window.clipboardData).getData('text');
      const digits = text.replace(/[\s\-.\u2010\u2011\u2013]/g, '');
      if (/^\d+$/.test(digits)) { e.preventDefault(); input.value = digits; }
    });
  });

  // The delivery timeline refreshes while "Didn't get the code?" is open.
  document.querySelectorAll('details[data-timeline-src]').forEach((panel) => {
    const target = panel.querySelector('#timeline');
    const refresh = async () => {
      if (panel.open) {
        try {
          const answer = await fetch(panel.getAttribute('data-timeline-src'), { credentials: 'same-origin', cache: 'no-store' });
          if (answer.ok) target.innerHTML = await answer.text();
        } catch (_) { /* offline for a moment: the next tick tries again */ }
      }
      setTimeout(refresh, 3000);
    };
    setTimeout(refresh, 3000);
  });

  // Copy buttons (user id).
  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.addEventListener('click', async () => {
      const text = document.querySelector(button.getAttribute('data-copy')).textContent.trim();
      try { await navigator.clipboard.writeText(text); button.textContent = button.getAttribute('data-copied'); } catch (_) { /* denied: the id stays selectable */ }
    });
  });

  // Recovery codes: download as a text file, or print.
  document.querySelectorAll('[data-download]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => {
      const list = document.querySelector(button.getAttribute('data-download'));
      const text = Array.from(list.querySelectorAll('code')).map((c) => c.textContent).join('\n') + '\n';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
      link.download = button.getAttribute('data-filename');
      document.body.appendChild(link); link.click(); link.remove();
    });
  });
  document.querySelectorAll('[data-print]').forEach((button) => { button.hidden = false; button.addEventListener('click', () => window.print()); });
})();

// Passkeys (WebAuthn): the only feature that needs script. A form marked data-webauthn asks the server for options,
// lets the browser and authenticator do the ceremony, and posts the result in its hidden "credential" field.
(function () {
  if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) return;
  document.querySelectorAll('form[data-webauthn]').forEach((form) => {
    const start = form.querySelector('[data-webauthn-start]');
    if (!start) return; // the form offers a passkey only in some states (a reset, once a second factor is asked for)
    const fallback = form.querySelector('[data-webauthn-fallback]');
    if (fallback) fallback.hidden = true;
    start.hidden = false;
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const answer = await fetch(form.getAttribute('data-options'), { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
        const options = await answer.json();
        if (options.redirect) { window.location.assign(options.redirect); return; }
        const credential = form.getAttribute('data-webauthn') === 'create'
          ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        form.querySelector('input[name=credential]').value = JSON.stringify(credential.toJSON());
        form.submit();
      } catch (_) {
        start.disabled = false; // canceled or refused: the person can try again or use another way
      }
    });
  });
})();
