import { Profile } from '../profile';
import { ConcreteInput } from '../input';
import { Tcb } from '../tcb';
import { rfc9293 } from './rfc9293';
import { lwipSynchronized } from './lwip-synchronized';
import { lwipOutput } from './lwip-output';
import { lwipSynSent } from './lwip-syn-sent';
import { apiUserCall } from './api-calls';
import { lwipAfterStep } from './lwip-let-go';
import { lwipSegmentArrives } from './lwip-time-wait';
import { LWIP_RULES } from './lwip-rules';
import { LWIP_OVERRIDES } from './lwip-overrides';

// lwIP 2.1.3 (see lwip-source.ts): its rules in lwip-rules.ts, its overrides in lwip-overrides.ts, the
// replacements of the RFC's steps in the lwip-*.ts files wired below.
export type { LwipRuleId } from './lwip-rules';
import type { LwipRuleId } from './lwip-rules';
import { FIN_WAIT_2_TIMER } from './orphan-timer';
import { LAST_ACK_TIMER, SYN_RECEIVED_TIMER, lwipTimerStarts } from './lwip-timers';
import { lwipState } from './lwip-state';

export const lwip: Profile = {
  name: 'lwip',
  summary: "lwIP 2.1.3 (Debian's liblwip-dev): rfc9293 with lwIP's cited departures",
  extends: 'rfc9293',
  features: new Set([
    'rstBySeqOnly',
    'synReceivedNoAckIgnored',
    'futureAckGoesOn',
    ...[...rfc9293.features].filter((f) => f !== 'rfc5961.ack'),
    'resetCarriesAck',
    'noSimultaneousOpen',
    'isnMayRepeat',
    'synReceivedSynIsRetransmission',
    'acceptWhenEstablished',
    'abortAlwaysResets',
    'synFinCountOnce',
    'synAckTextIgnored',
    'synAgainAfterReset',
    'synReceivedAckFirst',
    'synSentAckResets',
    'ackOfUnacceptableSegment',
    'textWithoutAck',
    'resetAfterTakingText',
    'rtoResendsFlight',
    'closeLetsGo',
    'outOfOrderAckFirst',
    'timeWaitLean',
    'closeAfterCloseOk',
    'removalSendsOwedAck',
    'resetReportedWhenClosing',
    'oldTextAckedAfterFin',
    'synSentMssFromAnySyn',
    'rtxCountKept',
    'rstWindowEdgeInclusive',
    'zeroWindowAcksAll',
  ]),
  params: {
    ...rfc9293.params,
    // 2·TCP_MSL with TCP_MSL 60000 ms, checked by a 500 ms slow timer (tcp.c: tcp_slowtmr()).
    timeWaitLo: 120000,
    timeWaitHi: 121000,
    // No user timeout; the retransmission count limits instead (tcp_slowtmr()).
    userTimeoutLo: null,
    userTimeoutHi: null,
    maxRetransmissions: { data: 12, syn: 6 },
    // tcp_slowtmr() removes the pcb at its next run (every 500 ms) once nrtx reaches the limit.
    giveUpWithin: 500,
    // RTO starts at 3 s (tcp.c: tcp_alloc()); tcp_slowtmr() shifts the base ((sa >> 3) + sv) left by
    // tcp_backoff[nrtx] = {1,2,3,4,5,6,7,7,...} before the (nrtx+1)-th retransmission: after the n-th the RTO is
    // base·2^min(n,7). The base may fall below 3 s with RTT samples (not below about 1 s with 500 ms ticks), so
    // the earliest times are rtoInitial (1 s)·2^min(n,7); the latest allow 3 s·2^7 = 384 s and a tick.
    rtoBackoff: [1, 2, 4, 8, 16, 32, 64, 128],
    rtoMax: 400000,
    // An RTT sample from a bogus ACK can make ((sa >> 3) + sv) << 7 reach the s16 ceiling of 0x7FFF ticks.
    rtoWildMax: 16384000,
    // tcp_slowtmr() backs off only `if (pcb->state != SYN_SENT)`: the SYN goes again every RTO.
    synRtoFixed: true,
    // tcp_slowtmr() sets cwnd = mss (INITIAL_MSS 536 in SYN-SENT) before tcp_rexmit_rto(); tcp_output() then
    // sends what fits in it after the SYN, without ACK.
    synSentDataWindow: 536,
    // tcp_slowtmr() drops a pcb more than TCP_SYN_RCVD_TIMEOUT (20000 ms) in SYN-RECEIVED after pcb->tmr,
    // which every segment reaching tcp_process() past the RST check renews; checked every 500 ms.
    synReceivedTimeoutLo: 20000,
    synReceivedTimeoutHi: 21000,
    // tcp_slowtmr() aborts a pcb more than 2·TCP_MSL (120000 ms) in LAST-ACK after pcb->tmr, which segments
    // renew in tcp_process() (not RSTs or SYNs, and not once receiving is closed); checked every 500 ms.
    lastAckTimeoutLo: 120000,
    lastAckTimeoutHi: 121000,
    // tcp_write() in SYN-SENT cuts segments by INITIAL_MSS (536), before the SYN,ACK's MSS is known.
    presegmentMss: 536,
    // tcp_in.c sets cwnd = LWIP_TCP_CALC_INITIAL_CWND(mss) on the SYN,ACK; tcp_output() sends no segment longer
    // than min(cwnd, snd_wnd) and, with snd_wnd the larger, starts no persist timer either.
    presegmentStalls: true,
    // tcp_process() renews pcb->tmr on every arrival but RSTs and SYNs, unless TF_RXCLOSED: after tcp_close()
    // the FIN-WAIT-2 and TIME-WAIT limits of tcp_slowtmr() count from the last arrival before it.
    closedTimersFromLastArrival: true,
    finWait2TimeoutLo: 20000,
    finWait2TimeoutHi: 21000,
  },
  overrides: LWIP_OVERRIDES,
  timers: [FIN_WAIT_2_TIMER, SYN_RECEIVED_TIMER, LAST_ACK_TIMER],
  replaces: {
    timers: lwipTimerStarts,
    synchronized: lwipSynchronized,
    output: lwipOutput,
    synSent: lwipSynSent,
    userCall: apiUserCall,
    segmentArrives: lwipSegmentArrives,
    afterStep: lwipAfterStep,
  },
  extraRules: LWIP_RULES,
  unreachable: {
    'rst.synReceived.active': 'lwIP has no simultaneous open (synSent.syn.ignored), so no SYN-RECEIVED is ever active',
    'syn.synReceived.passive':
      "a SYN in SYN-RECEIVED is taken for a copy of the peer's SYN (synReceived.syn.retransmitted, synReceived.syn.ignored)",
    'receive.halfDuplexClosed':
      'after tcp_close() the application holds nothing: calls answer "connection closing" (user.afterClose.letGo)',
  },
  crashesOn: writeOverPresegmented,
};

/**
 * tcp_write() asserts ("mss_local is too small", tcp_out.c) when the last unsent segment is longer than the
 * segment size it now computes, min(pcb->mss, snd_wnd_max / 2): data cut into 536-octet segments in SYN-SENT
 * and still unsent after the peer announced a smaller MSS or window. Debian builds lwIP with assertions on, so
 * the process aborts; without them the length arithmetic underflows.
 */
function writeOverPresegmented(t: Tcb, input: ConcreteInput): string | null {
  if (input.kind !== 'call' || input.call !== 'send') return null;
  if (t.state !== 'Established' && t.state !== 'CloseWait' && t.state !== 'SynSent') return null;
  const last = t.state === 'SynSent' ? lastUnsentBehindSyn(t) : lastUnsent(t);
  if (last === 0) return null;
  const mssLocal = Math.min(t.sndMss, Math.floor(t.maxSndWnd / 2)) || t.sndMss;
  return last > mssLocal ? `lwIP asserts in tcp_write(): unsent ${last}-octet segment > mss_local ${mssLocal}` : null;
}

/** In SYN-SENT: data sent behind the SYN goes back to unsent at a retransmission timeout; what the window of
 *  one MSS (synCwnd) did not let out again stays there. */
function lastUnsentBehindSyn(t: Tcb): number {
  if (!lwipState.get(t, 'synRtoFired') || t.unackedSegs.length === 0 || t.sendQueue.length > 0) return 0;
  const end = t.unackedSegs.reduce((a, b) => a + b, 0);
  return end > lwipState.get(t, 'synCwnd') ? t.unackedSegs[t.unackedSegs.length - 1] : 0;
}

/** The length of the last segment on lwIP's unsent queue, where it may exceed the MSS (0: none such). */
function lastUnsent(t: Tcb): number {
  // Data cut in SYN-SENT and not sent yet: chunks of 536 octets.
  const presized = lwipState.get(t, 'presized');
  const cut = lwipState.get(t, 'presizeMss');
  if (t.sendQueue.length > 0) return presized === t.sendQueue.length ? ((presized - 1) % cut) + 1 : 0;
  // Entries put back on unsent by a retransmission timeout and not sent again yet.
  if (lwipState.get(t, 'resendTo') === null || t.unackedSegs.length === 0) return 0;
  return t.unackedSegs[t.unackedSegs.length - 1] + (t.unackedSegs.length === 1 ? t.unackedHead.length : 0);
}

// This profile's rule ids join RuleId (index.ts).
declare module './index' {
  interface ProfileRuleIds {
    lwip: LwipRuleId;
  }
}
