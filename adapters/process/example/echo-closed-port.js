#!/usr/bin/env node
// A complete, if tiny, IUT for tcpconform's process protocol (adapters/process/PROTOCOL.md), in plain Node with
// no dependencies: a "TCP stack" that has no connections at all and so implements exactly one rule, the
// CLOSED state of RFC 9293 §3.10.7.1 (RFC 793 p.65):
//
//   An incoming segment containing a RST is discarded. An incoming segment not containing a RST causes a RST
//   to be sent in response: if the ACK bit is off, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>;
//   if the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>.
//
// Copy its shape for a real stack: read a request line, do it, print exactly one reply line, flush, repeat;
// logs to stderr; exit at end of input.  Try it: npx tcpconform check --adapter process --cmd "node <this file>"
'use strict';

const IUT = { ip: [192, 0, 2, 2], port: 5001 };
const TESTER = { ip: [192, 0, 2, 1], port: 40001 };
const FIN = 0x01,
  SYN = 0x02,
  RST = 0x04,
  ACK = 0x10;

// ---- the hello: who we are and what we can do ----------------------------------------------------------------
send({
  tcpconform: 1,
  iut: 'closed-port example',
  capabilities: { calls: [], segments: true, state: true, signals: false, clock: 'virtual', features: [] },
});

// ---- the request loop -------------------------------------------------------------------------------------------
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, nl).trim();
    pending = pending.slice(nl + 1);
    if (line) handle(line);
  }
});
process.stdin.on('end', () => process.exit(0));

function handle(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return send({ id: null, error: 'request is not JSON' });
  }
  switch (req.op) {
    case 'reset': // nothing to forget: no connections, no timers
    case 'state':
    case 'wait': // no timers, so time passing changes nothing
      return send({ id: req.id, packets: [], state: 'CLOSED' });
    case 'segment': {
      const seg = parseTcp(Buffer.from(req.packet, 'hex'));
      if (!seg) return send({ id: req.id, error: 'not an IPv4 TCP packet' });
      const reply = closedStateReply(seg);
      return send({ id: req.id, packets: reply ? [buildTcp(reply).toString('hex')] : [], state: 'CLOSED' });
    }
    default: // 'call': this stack offers no user calls, and announced none in its hello
      return send({ id: req.id, error: `op ${JSON.stringify(req.op)} not supported by this example` });
  }
}

/** The whole TCP state machine of this stack: RFC 9293 §3.10.7.1. */
function closedStateReply(seg) {
  if (seg.ctl & RST) return null;
  if (seg.ctl & ACK) return { seq: seg.ack, ack: 0, ctl: RST };
  const len = seg.dataLength + (seg.ctl & SYN ? 1 : 0) + (seg.ctl & FIN ? 1 : 0);
  return { seq: 0, ack: (seg.seq + len) >>> 0, ctl: RST | ACK };
}

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n'); // one line per message; a pipe write is not buffered
}

// ---- IPv4 + TCP, just enough (RFC 791 §3.1, RFC 9293 §3.1) ----------------------------------------------------
function parseTcp(p) {
  if (p.length < 40 || p[0] >> 4 !== 4 || p[9] !== 6) return null;
  const t = (p[0] & 0x0f) * 4;
  const total = p.readUInt16BE(2);
  const dataOffset = (p[t + 12] >> 4) * 4;
  return {
    seq: p.readUInt32BE(t + 4),
    ack: p.readUInt32BE(t + 8),
    ctl: p[t + 13],
    dataLength: total - t - dataOffset,
  };
}

function buildTcp({ seq, ack, ctl }) {
  const p = Buffer.alloc(40);
  p[0] = 0x45; // IPv4, 20-byte header
  p.writeUInt16BE(40, 2); // total length
  p.writeUInt16BE(0x4000, 6); // don't fragment
  p[8] = 64; // TTL
  p[9] = 6; // TCP
  p.set(IUT.ip, 12);
  p.set(TESTER.ip, 16);
  p.writeUInt16BE(checksum(p.subarray(0, 20)), 10);
  p.writeUInt16BE(IUT.port, 20);
  p.writeUInt16BE(TESTER.port, 22);
  p.writeUInt32BE(seq, 24);
  p.writeUInt32BE(ack, 28);
  p[32] = 5 << 4; // data offset: 20 bytes, no options
  p[33] = ctl;
  p.writeUInt16BE(0, 34); // window: nothing to receive into
  const pseudo = Buffer.from([...IUT.ip, ...TESTER.ip, 0, 6, 0, 20]);
  p.writeUInt16BE(checksum(Buffer.concat([pseudo, p.subarray(20)])), 36);
  return p;
}

/** RFC 1071: the ones' complement of the ones' complement sum of 16-bit words. */
function checksum(bytes) {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (bytes[i + 1] || 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
