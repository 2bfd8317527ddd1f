import { Profile } from '../profile';
import { rfc793 } from './rfc793';

/** RFC 9293 (2022): RFC 793 with RFC 1122's clarifications and RFC 5961's defences. */
export const rfc9293: Profile = {
  name: 'rfc9293',
  summary: 'RFC 9293: RFC 793 plus RFC 1122 clarifications and RFC 5961 challenge ACKs',
  extends: 'rfc793',
  features: new Set(['rfc5961.rst', 'rfc5961.syn', 'rfc5961.ack', 'rfc1122.synInSynReceived', 'halfDuplexClose']),
  params: { ...rfc793.params },
  overrides: [
    {
      what: 'RST inside the window but not at RCV.NXT gets a challenge ACK',
      because: 'blind reset attacks',
      cite: 'RFC 9293 §3.10.7.4 (second); RFC 5961 §3.2',
    },
    {
      what: 'any SYN on a synchronized connection gets a challenge ACK instead of a RST',
      because: 'blind SYN injection',
      cite: 'RFC 9293 §3.10.7.4 (fourth); RFC 5961 §4.2',
    },
    {
      what: 'ACKs older than SND.UNA - MAX.SND.WND get a challenge ACK',
      because: 'blind data injection',
      cite: 'RFC 9293 §3.10.7.4 (fifth); RFC 5961 §5.2',
    },
    {
      what: 'a SYN on a passively opened SYN-RECEIVED connection returns it to LISTEN',
      because: 'RFC 1122 clarification',
      cite: 'RFC 9293 §3.10.7.4 (fourth); RFC 1122 §4.2.2.20 (e)',
    },
    {
      what: 'half-duplex CLOSE: RST when data is lost',
      because: 'sockets close()',
      cite: 'RFC 9293 §3.6.1 (MAY-1, SHLD-3); RFC 1122 §4.2.2.13',
    },
  ],
  extraRules: [],
};
