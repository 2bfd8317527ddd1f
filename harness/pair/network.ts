// The network between two endpoints in the pair topology: the harness decides the fate of every segment —
// delivered, dropped, duplicated, reordered. Fates come from fast-check numbers, and 0 means "no fault", so
// shrinking removes faults.
import { Segment } from '../../models/segment';

export type Side = 'A' | 'B';

export interface InFlight {
  from: Side;
  segment: Segment;
}

export interface FaultRates {
  loss: number;
  dup: number;
  reorder: number;
}

export interface NetworkEvent {
  kind: 'sent' | 'dropped' | 'duplicated' | 'reordered' | 'delivered';
  from: Side;
  segment: Segment;
}

const RES = 10007;

export class Network {
  readonly queue: InFlight[] = [];
  readonly log: NetworkEvent[] = [];
  /** A RST was lost: the RFC then allows the two ends to disagree about the connection. */
  lostReset = false;

  constructor(
    private rates: FaultRates,
    private fates: readonly number[],
    private faultsOn = true,
  ) {}

  private fateIndex = 0;

  private nextFate(): number {
    const n = this.fates.length ? this.fates[this.fateIndex++ % this.fates.length] : 0;
    return (n % RES) / RES;
  }

  stopFaults(): void {
    this.faultsOn = false;
  }

  send(from: Side, segments: readonly Segment[]): void {
    for (const segment of segments) {
      this.log.push({ kind: 'sent', from, segment });
      const f = this.faultsOn ? this.nextFate() : 0;
      const r = this.rates;
      // Disjoint bands at the top of [0, 1): 0 is always a clean delivery.
      if (f >= 1 - r.loss) {
        this.log.push({ kind: 'dropped', from, segment });
        if (segment.ctl & 0x04) this.lostReset = true;
        continue;
      }
      if (f >= 1 - r.loss - r.dup) {
        this.log.push({ kind: 'duplicated', from, segment });
        this.queue.push({ from, segment }, { from, segment });
        continue;
      }
      if (f >= 1 - r.loss - r.dup - r.reorder && this.queue.length > 0) {
        this.log.push({ kind: 'reordered', from, segment });
        this.queue.splice(Math.floor(f * 7919) % this.queue.length, 0, { from, segment });
        continue;
      }
      this.queue.push({ from, segment });
    }
  }

  /** Take the next segment off the wire, or the one at `index` (reordering chosen by the generator). */
  take(index = 0): InFlight | undefined {
    if (this.queue.length === 0) return undefined;
    const [x] = this.queue.splice(index % this.queue.length, 1);
    this.log.push({ kind: 'delivered', from: x.from, segment: x.segment });
    return x;
  }
}
