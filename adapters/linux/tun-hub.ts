// One TUN device, several lanes: each lane plays its own tester address (adapter.ts, tupleForRun), and what the
// kernel sends is handed to the lane whose address it is sent to. Everything runs on one thread, so a lane that
// reads the device sorts out the other lanes' packets for them.
import * as K from './sockets';

export class TunHub {
  private readonly queues = new Map<string, Buffer[]>();
  /** Packets to no lane's address (an earlier address of a lane, IPv6 router solicitations): dropped. */
  unclaimed = 0;

  constructor(private readonly tun: number) {}

  /** Packets sent to `addr` (dotted IPv4) from now on are this caller's. */
  claim(addr: string): void {
    if (!this.queues.has(addr)) this.queues.set(addr, []);
  }

  release(addr: string): void {
    this.queues.delete(addr);
  }

  /** Everything sent to `addr` so far, in order, and taken off its queue. */
  take(addr: string): Buffer[] {
    for (let p = K.readPacket(this.tun); p; p = K.readPacket(this.tun)) {
      const q = this.queues.get(destination(p));
      if (q) q.push(p);
      else this.unclaimed += 1;
    }
    const q = this.queues.get(addr);
    if (!q || q.length === 0) return [];
    this.queues.set(addr, []);
    return q;
  }
}

/** The IPv4 destination of a packet as dotted text; '' for anything that is not IPv4. */
function destination(p: Buffer): string {
  if (p.length < 20 || p[0] >> 4 !== 4) return '';
  return `${p[16]}.${p[17]}.${p[18]}.${p[19]}`;
}
