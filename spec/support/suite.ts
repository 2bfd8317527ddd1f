// The shape every spec file uses: `suite(title, (s) => { s.spec(name, needs, body) })`.
// A spec names what it needs from the adapter; if the adapter cannot run here, or lacks one of those, the
// spec is registered as skipped and the reason is printed (console.warn) — never a silent pass.
import { Adapter } from '../../adapters/types';
import { CallName } from '../../models/input';
import { Profile } from '../../models/profile';
import { Played, Script, play, PlayOptions } from './scenario';
import { Target, createAdapter, target } from './target';

export type Need =
  | CallName
  | 'segments' // crafted peer segments (tester-as-peer)
  | 'state' // the IUT reports its state
  | 'signals' // the IUT reports asynchronous signals
  | 'virtualClock' // long waits (2MSL, user timeout) only make sense on a virtual clock
  | 'rfc9293' // the spec checks a behaviour only that profile expects
  | 'rfc793'
  | `feature:${string}`
  // The spec checks the RFC's own behaviour where a profile may depart by a cited override that switches this
  // feature or sets this parameter: under such a profile it skips, naming the departure.
  | `rfc:${string}`
  | 'linux-pair'; // sockets-level features a single tester-as-peer endpoint does not have

export const LINUX_PAIR = 'needs the linux-pair adapter (spec/linux-pair.spec.ts)';

/** Why a target cannot run a spec with these needs, or null when it can. */
export function whyNot(t: Target, needs: readonly Need[]): string | null {
  if (t.unavailable) return `adapter "${t.adapterName}" is unavailable here: ${t.unavailable}`;
  const caps = t.capabilities!;
  for (const n of needs) {
    if (n === 'linux-pair') return LINUX_PAIR;
    if (n === 'segments' && !caps.segments) return `adapter "${t.adapterName}" accepts no crafted segments`;
    if (n === 'state' && !caps.state) return `adapter "${t.adapterName}" does not report its state`;
    if (n === 'signals' && !caps.signals) return `adapter "${t.adapterName}" does not report signals`;
    if (n === 'virtualClock' && caps.clock !== 'virtual')
      return `adapter "${t.adapterName}" has a real-time clock; this spec waits minutes`;
    if ((n === 'rfc9293' || n === 'rfc793') && t.profile.name !== n)
      return `checks ${n} behaviour; the profile is ${t.profile.name}`;
    if (n.startsWith('feature:') && !(caps.features ?? []).includes(n.slice(8)))
      return `adapter "${t.adapterName}" lacks the ${n.slice(8)} feature`;
    if (n.startsWith('rfc:')) {
      const what = n.slice(4);
      const o = t.profile.overrides.find(
        (x) => (x.features ?? []).includes(what as never) || (x.params && what in x.params),
      );
      if (o) return `profile ${t.profile.name} departs here: ${o.what} (${o.cite})`;
    }
    if (n.includes('.') || ['send', 'receive', 'close', 'abort'].includes(n)) {
      if (!caps.calls.includes(n as CallName)) return `adapter "${t.adapterName}" does not offer the ${n} call`;
    }
  }
  return null;
}

export interface SpecContext {
  adapter: Adapter;
  profile: Profile;
  /** Play a script in lockstep with the model; a divergence fails the spec with a readable counterexample. */
  play(script: Script, options?: PlayOptions): Promise<Played>;
}

export interface Suite {
  spec(
    name: string,
    needs: readonly Need[],
    body: (ctx: SpecContext) => Promise<void> | void,
    timeoutMs?: number,
  ): void;
  /** A behaviour that lives in another file or is not implemented anywhere: listed, with why. */
  todo(name: string): void;
  readonly target: Target;
}

export function suite(title: string, body: (s: Suite) => void): void {
  const t = target();
  describe(`${title} [${t.adapterName}, ${t.profile.name}]`, () => {
    let adapter: Adapter | undefined;
    let runnable = 0;
    beforeAll(async () => {
      if (runnable > 0) adapter = await createAdapter();
    });
    afterAll(async () => {
      await adapter?.dispose();
    });
    const s: Suite = {
      target: t,
      spec(name, needs, fn, timeoutMs) {
        const reason = whyNot(t, needs);
        if (reason) {
          console.warn(`skipped: ${title} › ${name}\n  because ${reason}`);
          test.skip(`${name} — skipped: ${reason}`, () => undefined);
          return;
        }
        runnable++;
        test(
          name,
          async () => {
            if (!adapter) throw new Error('the adapter was not created (see beforeAll)');
            const a = adapter;
            await fn({ adapter: a, profile: t.profile, play: (script, o) => play(a, t.profile, script, o) });
          },
          timeoutMs,
        );
      },
      todo(name) {
        test.todo(name);
      },
    };
    body(s);
  });
}
