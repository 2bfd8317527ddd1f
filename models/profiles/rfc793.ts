import { Profile } from '../profile';

/** RFC 793 (1981) with the errata RFC 9293 adopted (CLOSE in CLOSE-WAIT goes to LAST-ACK; the ACK test
 *  SND.UNA < SEG.ACK in SYN-SENT and SYN-RECEIVED). */
export const rfc793: Profile = {
  name: 'rfc793',
  summary: 'RFC 793 as published, with the errata RFC 9293 adopted',
  features: new Set(),
  params: {
    rtoInitial: 1000, // RFC 6298 §2.1, §2.4: 1 s initial and minimum
    rtoMax: 120000,
    timeWaitLo: 240000, // 2·MSL, MSL = 2 minutes (RFC 793 p.28)
    timeWaitHi: 240000,
    userTimeoutLo: 300000, // RFC 793 p.77 leaves it to the user; 5 minutes here
    userTimeoutHi: 300000,
    delayedAckMax: 500, // RFC 1122 §4.2.3.2
    rcvBuffer: 64,
    mss: 1460,
  },
  overrides: [],
  extraRules: [],
};
