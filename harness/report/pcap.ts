// A counterexample's run as a pcap file, for Wireshark and tshark: every segment the tester sent and the IUT
// sent, in order, as IPv4 + TCP with correct checksums (the codec of the packet-level adapters), stamped with
// the run's own clock. The classic libpcap format, link type RAW (the packets start at their IPv4 header).
import { Endpoint, encodePacket } from '../../adapters/packet/ipv4-tcp';
import { Segment, segmentFromJson } from '../../models/segment';
import { ConcreteInputJson, Counterexample, ObservationJson, concreteFromJson } from '../counterexample';

/** Addresses for the drawing only (RFC 5737's TEST-NET-1) and ports no dissector claims. */
export const PCAP_IUT: Endpoint = { addr: '192.0.2.1', port: 40001 };
export const PCAP_TESTER: Endpoint = { addr: '192.0.2.2', port: 40002 };

const LINKTYPE_RAW = 101;

/** One packet of the drawing: when, and which way. */
export interface PcapRecord {
  atUs: number;
  fromIut: boolean;
  segment: Segment;
}

/**
 * The packets of a run, timed by its clock: time passes only in waits (the model's clock), so a tester's segment
 * and the IUT's answer share their moment, a microsecond apart to keep their order; what the IUT sent during a
 * wait is stamped at the wait's end (when it was collected).
 */
export function pcapRecords(cx: Counterexample): PcapRecord[] {
  const steps: { input: ConcreteInputJson; observed: ObservationJson }[] = [
    ...(cx.trace ?? []),
    ...(cx.sent ? [{ input: cx.sent, observed: cx.divergence.observed }] : []),
  ];
  const out: PcapRecord[] = [];
  let nowUs = 0;
  let last = -1;
  const at = (t: number) => (last = Math.max(t, last + 1));
  for (const s of steps) {
    const input = concreteFromJson(s.input);
    if (input.kind === 'wait') nowUs += input.ms * 1000;
    if (input.kind === 'segment') out.push({ atUs: at(nowUs), fromIut: false, segment: input.segment });
    for (const seg of s.observed.segments) out.push({ atUs: at(nowUs), fromIut: true, segment: segmentFromJson(seg) });
  }
  return out;
}

/** The pcap file of a counterexample. Without a recorded trace there is nothing to draw: null. */
export function counterexamplePcap(cx: Counterexample): Buffer | null {
  if (!cx.trace || !cx.sent) return null;
  const records = pcapRecords(cx);
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeInt32LE(0, 8);
  head.writeUInt32LE(0, 12);
  head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(LINKTYPE_RAW, 20);
  const parts: Buffer[] = [head];
  let ipId = 0;
  for (const r of records) {
    const [src, dst] = r.fromIut ? [PCAP_IUT, PCAP_TESTER] : [PCAP_TESTER, PCAP_IUT];
    const packet = encodePacket({ src, dst, segment: r.segment }, (ipId = (ipId + 1) & 0xffff));
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(Math.floor(r.atUs / 1e6), 0);
    rec.writeUInt32LE(r.atUs % 1e6, 4);
    rec.writeUInt32LE(packet.length, 8);
    rec.writeUInt32LE(packet.length, 12);
    parts.push(rec, packet);
  }
  return Buffer.concat(parts);
}

/** The pcap beside a counterexample file: the same name, ending .pcap. */
export const pcapFileOf = (counterexampleFile: string): string => counterexampleFile.replace(/(\.json)?$/, '.pcap');
