// A small SMPP 3.4 SMSC for Verigate's tests, behind Kannel (smsc = smpp, transceiver mode).
// Destinations decide the outcome, by their last four digits:
//   ...0016  submit_sm refused with ESME_RSUBMITFAIL   -> Kannel reports DLR 16 (rejected by SMSC)
//   ...0002  accepted, then receipt stat:UNDELIV        -> DLR 8, then 2 (undelivered)
//   ...0004  accepted, no receipt ever                  -> DLR 8 only (for "not confirmed in time")
//   other    accepted, then receipt stat:DELIVRD        -> DLR 8, then 1 (delivered)
// Every accepted submit_sm is appended as one JSON line to the log file, so tests can count at the sink.
// usage: node smsc.js <port> <log-file>
'use strict';
const fs = require('fs');
const smpp = require('smpp');

const port = Number(process.argv[2] || 2775);
const logFile = process.argv[3] || 'received.jsonl';
const receiptDelayMs = Number(process.env.SMPP_SIM_RECEIPT_DELAY_MS || 50);
let nextId = Date.now() % 1000000000;

function text(pdu) {
  const sm = pdu.short_message;
  if (sm == null) return { udh: null, message: '' };
  if (typeof sm === 'string') return { udh: null, message: sm };
  if (Buffer.isBuffer(sm)) return { udh: null, message: sm.toString('latin1') };
  return { udh: sm.udh ? Buffer.concat(sm.udh.map((u) => Buffer.from(u))).toString('hex') : null, message: String(sm.message ?? '') };
}

function stamp(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${p(date.getUTCFullYear() % 100)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}`;
}

const server = smpp.createServer({ debug: false }, (session) => {
  session.on('error', () => {});
  const bind = (pdu) => { session.send(pdu.response()); };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('bind_receiver', bind);
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { session.send(pdu.response()); session.close(); });
  session.on('deliver_sm_resp', () => {});
  session.on('submit_sm', (pdu) => {
    const to = String(pdu.destination_addr);
    const outcome = to.endsWith('0016') ? 'reject' : to.endsWith('0002') ? 'undeliv' : to.endsWith('0004') ? 'silent' : 'deliver';
    if (outcome === 'reject') {
      session.send(pdu.response({ command_status: smpp.ESME_RSUBMITFAIL }));
      return;
    }

    const id = String(nextId++);
    const { udh, message } = text(pdu);
    fs.appendFileSync(logFile, JSON.stringify({ id, to, from: String(pdu.source_addr), dataCoding: pdu.data_coding, udh, text: message, at: new Date().toISOString() }) + '\n');
    session.send(pdu.response({ message_id: id }));
    if (outcome === 'silent' || !(pdu.registered_delivery & 1)) return;

    setTimeout(() => {
      const now = stamp(new Date());
      const stat = outcome === 'deliver' ? 'DELIVRD' : 'UNDELIV';
      const err = outcome === 'deliver' ? '000' : '001';
      session.deliver_sm({
        source_addr: to,
        destination_addr: String(pdu.source_addr),
        esm_class: 4,
        short_message: `id:${id} sub:001 dlvrd:${outcome === 'deliver' ? '001' : '000'} submit date:${now} done date:${now} stat:${stat} err:${err} text:`,
      });
    }, receiptDelayMs);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`smpp-sim listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
