// The shape every spec file uses: `suite(title, (s) => { s.spec(name, { rules, needs }, body) })`.
// A spec names the rules its assertions check and what it needs from the adapter; if the adapter cannot run
// here, or lacks one of those, the spec is registered as skipped and the reason is printed (console.warn) —
// never a silent pass. A declared rule the spec's plays never fired fails the spec: the declaration is honest.
// Outside Jest (or when harness/spec-catalogue.ts asks) suite() only records the declarations.
import { Adapter } from '../../adapters/types';
import { CallName } from '../../models/input';
import { Profile, profileRules } from '../../models/profile';
import type { RuleId } from '../../models/profiles';
import { Rule } from '../../models/rule';
import { inCatalogueMode, record } from './catalogue';
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

/** What a spec checks and what it needs. */
export type SpecDeclaration = {
  needs: readonly Need[];
  timeoutMs?: number;
} & (
  | {
      /** The rules whose behaviour the spec's assertions check (not merely pass through): each must fire in
       *  one of its plays. */
      rules: readonly [RuleId, ...RuleId[]];
    }
  | {
      /** No rule: the spec checks the whole machine, not a behaviour (the random walk). Say why. */
      rules: readonly [];
      noRulesBecause: string;
    }
);

export interface Suite {
  spec(name: string, declaration: SpecDeclaration, body: (ctx: SpecContext) => Promise<void> | void): void;
  /** A behaviour that lives in another file or is not implemented anywhere: listed, with why. */
  todo(name: string): void;
  readonly target: Target;
}

/**
 * The declared rules that none of the plays fired, or [] when the declaration holds. Under an implementation
 * profile a declared rule may be stood in for: it is held to the spec only if the profile has it and can reach
 * it, and one of the profile's own rules for the same event in one of its states counts as it (lwIP's
 * seq.unacceptable.ackProcessed for seq.unacceptable); the spec's assertions still decide.
 */
export function unfired(declared: readonly string[], plays: readonly Played[], profile: Profile): string[] {
  const part = new Map(profileRules(profile).map((r) => [r.id, r]));
  const fired = new Set(plays.flatMap((p) => p.steps.flatMap((x) => x.rules)));
  const own = profile.extraRules.filter((r) => fired.has(r.id));
  const stoodIn = (r: Rule) => own.some((x) => x.event === r.event && x.states.some((s) => r.states.includes(s)));
  return declared.filter((id) => {
    const r = part.get(id);
    return r && !profile.unreachable?.[id] && !fired.has(id) && !stoodIn(r);
  });
}

/** In catalogue mode: a suite that records its specs' declarations and defines no test. */
function recordOnly(title: string, body: (s: Suite) => void): void {
  body({
    get target(): Target {
      throw new Error('catalogue mode: a spec file must not ask for the target while it is being catalogued');
    },
    spec(name, d) {
      record(title, name, d.rules);
    },
    todo() {},
  });
}

export function suite(title: string, body: (s: Suite) => void): void {
  if (inCatalogueMode()) return recordOnly(title, body);
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
      spec(name, d, fn) {
        const reason = whyNot(t, d.needs);
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
            const plays: Played[] = [];
            const played = async (script: Script, o?: PlayOptions) => {
              const p = await play(a, t.profile, script, o);
              plays.push(p);
              return p;
            };
            await fn({ adapter: a, profile: t.profile, play: played });
            const missing = unfired(d.rules, plays, t.profile);
            if (missing.length)
              throw new Error(
                `the spec declares ${missing.join(', ')}, but none of its ${plays.length} play(s) fired ` +
                  `${missing.length > 1 ? 'them' : 'it'}: declare only the rules its assertions check`,
              );
          },
          d.timeoutMs,
        );
      },
      todo(name) {
        test.todo(name);
      },
    };
    body(s);
  });
}
