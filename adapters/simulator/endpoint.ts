// One simulated TCP endpoint: its TCB, its virtual clock, its profile switches and the seeded bug it carries.
// `apply` turns one input into one observation; the input, output, user-call and timer routines do the work.
import { ConcreteInput } from '../../models/input';
import { CallResult, Observation, Signal } from '../../models/observation';
import { Segment } from '../../models/segment';
import { segmentArrives } from './input';
import { IsnGenerator } from './isn';
import { checkMutant, MutantId } from './mutants';
import { Tcb } from './tcb';
import { advance } from './clock';
import { userCall } from './user';

export interface EndpointOptions {
  /** 'rfc793' selects RFC 793 with errata; anything else gets RFC 9293 behaviour. */
  profile: string;
  seed: number;
  mutant?: string;
  /** Tests only: choose the ISS (e.g. the RFC figures' 100 and 300) instead of the keyed-hash generator. */
  iss?: (nowMs: number) => number;
}

export class Endpoint {
  /** Virtual time in ms since reset. */
  now = 0;
  tcb = new Tcb();
  /** What the current input has made us emit and signal; fresh arrays per input. */
  out: Segment[] = [];
  signals: Signal[] = [];

  /** RFC 5961 challenge ACKs (RST §3, SYN §4, ACK §5) and the passive SYN-RECEIVED SYN rule: rfc9293. */
  readonly rfc5961: boolean;
  /** RFC 9293 §3.6.1 half-duplex close. */
  readonly halfDuplexClose: boolean;
  readonly mutant: MutantId | null;
  private readonly isn: IsnGenerator;
  private readonly issOverride?: (nowMs: number) => number;

  constructor(options: EndpointOptions) {
    const rfc9293 = options.profile !== 'rfc793';
    this.rfc5961 = rfc9293;
    this.halfDuplexClose = rfc9293;
    this.mutant = options.mutant === undefined ? null : checkMutant(options.mutant);
    this.isn = new IsnGenerator(options.seed, this.mutant === 'constantIsn');
    this.issOverride = options.iss;
  }

  apply(input: ConcreteInput): Observation {
    this.out = [];
    this.signals = [];
    let result: CallResult | undefined;
    switch (input.kind) {
      case 'segment':
        segmentArrives(this, input.segment);
        break;
      case 'wait':
        advance(this, input.ms);
        break;
      case 'call':
        result = userCall(this, input);
        break;
    }
    // Mutant 'noTimeWait': whichever way TIME-WAIT was entered, the TCB is deleted at once.
    if (this.mutant === 'noTimeWait' && this.tcb.state === 'TimeWait') this.deleteTcb();
    const obs: Observation = { segments: this.out, signals: this.signals, state: this.tcb.state };
    if (result !== undefined) obs.result = result;
    return obs;
  }

  newIss(): number {
    return this.issOverride ? this.issOverride(this.now) >>> 0 : this.isn.next(this.now);
  }

  /** Delete the TCB: CLOSED, all queues and timers gone. */
  deleteTcb(): void {
    this.tcb = new Tcb();
  }

  /** A passively opened connection that did not come about: a fresh listening TCB (RFC 9293 §3.10.7.4). */
  returnToListen(): void {
    const tcb = new Tcb();
    tcb.state = 'Listen';
    tcb.passive = true;
    this.tcb = tcb;
  }
}
