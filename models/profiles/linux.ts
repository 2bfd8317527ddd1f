import { Profile } from '../profile';
import { rfc9293 } from './rfc9293';
import { linuxSynchronized } from './linux-synchronized';
import { linuxOutput } from './linux-output';
import { linuxSynSent } from './linux-syn-sent';
import { apiUserCall } from './api-calls';
import { rateLimited } from './linux-rate-limit';
import { linuxSegmentArrives } from './linux-records';
import { linuxAfterStep } from './linux-errno';
import { LINUX_RULES } from './linux-rules';
import { LINUX_OVERRIDES } from './linux-overrides';

// Linux 6.x (see linux-source.ts): its rules in linux-rules.ts, its overrides in linux-overrides.ts, the
// replacements of the RFC's steps in the linux-*.ts files wired below.
export type { LinuxRuleId } from './linux-rules';
import type { LinuxRuleId } from './linux-rules';
import { FIN_WAIT_2_TIMER, finWait2Closed } from './orphan-timer';

export const linux: Profile = {
  name: 'linux',
  summary: "Linux (net/ipv4) through the sockets API: rfc9293 with the kernel's cited departures",
  extends: 'rfc9293',
  features: new Set([
    ...rfc9293.features,
    'acceptWhenEstablished',
    'receiveOnListenerFails',
    'sendBeforeEstablishedFails',
    'listenAgainOk',
    'closedSocketRemembers',
    'connectAgainCompletes',
    'abortResetCarriesAck',
    'oldSegmentControls',
    'synReceivedSynResets',
    'closeReleasesHandle',
    'orphanRequestDropped',
    'synAckTextIgnored',
    'oowAckRateLimited',
    'ackBoundBySent',
    'dataAfterFinResets',
    'orphanFinWait2Minimal',
    'closeAgainOk',
    'synReceivedAckOfNothing',
    'windowEdgeInclusive',
    'resetKeepsReceived',
    'timeWaitMinimal',
    'unreadResetsLate',
    'closeQueuedInSynReceived',
    'simultaneousOpenKeepsShift',
    'finCongestionLimited',
    'synAgainGetsSynAck',
    'listenSynFinDropped',
    'noAckDropped',
    'rstAfterFinAccepted',
    'synReceivedBadAckFirst',
    'closeResetFromSegment',
    'windowEdgeStartTested',
    'closingTextProcessed',
    'endPastWindowRefused',
  ]),
  params: {
    ...rfc9293.params,
    // net.ipv4.tcp_min_snd_mss = 48 (TCP_MIN_SND_MSS): a smaller announced MSS is raised to it.
    sndMssMin: 48,
    // TCP_TIMEWAIT_LEN (include/net/tcp.h) = 60 s; a 60 s kernel timer sits in a timer-wheel level of 4.096 s
    // granularity and may fire that much later (kernel/time/timer.c).
    timeWaitLo: 60000,
    timeWaitHi: 64200,
    // After close(), FIN-WAIT-2 lasts tcp_fin_time() = net.ipv4.tcp_fin_timeout (60 s), as a timewait socket.
    finWait2TimeoutLo: 60000,
    finWait2TimeoutHi: 64200,
    // TCP_TIMEOUT_MIN (2 jiffies) after an unacceptable ACK in SYN-SENT; the rest is the harness's real clock.
    synRetryAfterBadAck: 200,
    // TCP_RTO_MIN: once the handshake gave an RTT sample, the RTO is SRTT + 4·RTTVAR but at least 200 ms.
    rtoMin: 200,
  },
  overrides: LINUX_OVERRIDES,
  timers: [FIN_WAIT_2_TIMER],
  replaces: {
    timers: { finWait2Closed },
    synchronized: linuxSynchronized,
    output: linuxOutput,
    synSent: linuxSynSent,
    userCall: apiUserCall,
    segmentArrives: linuxSegmentArrives,
    afterSegment: rateLimited,
    afterStep: linuxAfterStep,
  },
  extraRules: LINUX_RULES,
  unreachable: {
    'send.queue':
      "sockets refuse a SEND before the connection is established (send.synSent.refused), and a passive SYN-RECEIVED connection is not the application's yet (send.synReceived.unaccepted)",
    'receive.halfDuplexClosed':
      'after close() the application holds no descriptor to read from (user.afterClose.noHandle)',
    'close.closing': 'a second shutdown(SHUT_WR) in CLOSING or LAST-ACK succeeds (close.again.ok)',
  },
};

// This profile's rule ids join RuleId (index.ts).
declare module './index' {
  interface ProfileRuleIds {
    linux: LinuxRuleId;
  }
}
