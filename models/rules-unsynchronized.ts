// SEGMENT ARRIVES in CLOSED, LISTEN and SYN-SENT (RFC 793 §3.9 p.65-68; RFC 9293 §3.10.7.1-3.10.7.3).
import { Rule } from './rule';

export const UNSYNCHRONIZED_RULES = [
  // ---- SEGMENT ARRIVES, CLOSED (RFC 793 §3.9 p.65; RFC 9293 §3.10.7.1; reset generation §3.4 p.36 / §3.5.2)
  {
    id: 'closed.rst',
    states: ['Closed'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST for a connection that does not exist is dropped',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.1',
  },
  {
    id: 'closed.ack',
    states: ['Closed'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment with ACK for no connection gets <SEQ=SEG.ACK><CTL=RST>',
    rfc793: '§3.9 p.65, §3.4 p.36',
    rfc9293: '§3.10.7.1, §3.5.2',
  },
  {
    id: 'closed.noAck',
    states: ['Closed'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment without ACK for no connection gets <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>',
    rfc793: '§3.9 p.65, §3.4 p.36',
    rfc9293: '§3.10.7.1, §3.5.2',
  },

  // ---- LISTEN (RFC 793 §3.9 p.65-66; RFC 9293 §3.10.7.2)
  {
    id: 'listen.rst',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST in LISTEN is ignored',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.2',
  },
  {
    id: 'listen.ack',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK in LISTEN is bad: <SEQ=SEG.ACK><CTL=RST>, stay in LISTEN',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.2',
  },
  {
    id: 'listen.syn',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN in LISTEN: IRS=SEG.SEQ, pick ISS, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.2',
  },
  {
    id: 'listen.other',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'any other segment in LISTEN is dropped',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.2',
  },

  // ---- SYN-SENT (RFC 793 §3.9 p.66-68; RFC 9293 §3.10.7.3)
  {
    id: 'synSent.ackUnacceptable',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK outside ISS < SEG.ACK =< SND.NXT gets <SEQ=SEG.ACK><CTL=RST> (a RST carrying one is dropped)',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.rst',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST acknowledging our SYN refuses the connection: CLOSED, "connection reset"',
    rfc793: '§3.9 p.67',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.rst.noAck',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST without ACK in SYN-SENT is dropped',
    rfc793: '§3.9 p.67',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.synAck',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN acknowledging our SYN: RCV.NXT=SEG.SEQ+1, send ACK, ESTABLISHED',
    rfc793: '§3.9 p.67-68',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.syn',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN without ACK is a simultaneous open: send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3',
    unless: 'noSimultaneousOpen',
  },
  {
    id: 'synSent.other',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment with neither SYN nor RST in SYN-SENT is dropped',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3',
  },
] as const satisfies readonly Rule[];
