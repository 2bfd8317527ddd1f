// `tcpconform rules`: the state machine as a readable table of rules with their citations.
import { Profile, profileRules } from '../../models/profile';
import { Rule, RuleEvent } from '../../models/rule';
import { RULES, citation } from '../../models/rules';
import type { CatalogueRuleId } from '../../models/rules';
import { Replacement, replacementsOf } from '../../models/profiles/replacements';
import { stateName } from '../../models/state';
import { specsByRule } from '../spec-catalogue';
import { profileNamed } from './options';

/** Rules grouped under one heading per event, in the order the events first appear (the base rules' order):
 *  a profile's own rules join their event's group instead of repeating its heading at the end. */
function byEvent(rules: readonly Rule[]): Map<RuleEvent, Rule[]> {
  const groups = new Map<RuleEvent, Rule[]>();
  for (const r of rules) groups.set(r.event, [...(groups.get(r.event) ?? []), r]);
  return groups;
}

/** Whether a text names a rule id as a whole word (not "send.queue" inside "send.queued.x"). */
const names = (text: string, id: string) => new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}($|[^\\w.])`).test(text);

/**
 * Which rule of an overridden pair applies under the profile, as a line for each rule of a pair. Pairs are
 * known two ways: a base rule the profile's overrides leave no way to reach (profile.unreachable, whose reason
 * names the rules that take its place), and a rule replaced where a feature is on (`unless: F`) by one that
 * needs it (`requires: F`).
 */
function pairNotes(profile: Profile, rules: readonly Rule[]): Map<string, string> {
  const listed = new Set(rules.map((r) => r.id));
  const notes = new Map<string, string>();
  const add = (id: string, note: string) => notes.set(id, notes.has(id) ? `${notes.get(id)}; ${note}` : note);
  for (const [id, reason] of Object.entries(profile.unreachable ?? {})) {
    if (!listed.has(id)) continue;
    add(id, `does not apply — ${reason}`);
    for (const other of listed) if (other !== id && names(reason, other)) add(other, `applies; ${id} does not`);
  }
  for (const r of rules)
    for (const base of RULES)
      if (r.requires && base.unless === r.requires && !listed.has(base.id))
        add(r.id, `applies, in place of ${base.id}`);
  for (const [id, note] of notes) notes.set(id, `under ${profile.name}: ${note}`);
  return notes;
}

/** Where the implementation profiles replace a catalogue rule (issue 10): their rules that stand in its place, shown
 *  under it; null for a profile's own rule. */
function replacedBy(r: Rule): Replacement[] | null {
  return RULES.includes(r) ? replacementsOf(r.id as CatalogueRuleId) : null;
}

/** Which specs of the conformance suite test each rule (their own declarations), as `tested by:` lines. */
function testedBy(): { lines: (id: string) => string[]; json: (id: string) => { file: string; spec: string }[] } {
  const by = specsByRule();
  const json = (id: string) => (by.get(id) ?? []).map((e) => ({ file: e.file, spec: e.spec }));
  const lines = (id: string) => {
    const specs = json(id);
    return specs.length ? specs.map((e) => `tested by: ${e.file}: ${e.spec}`) : ['tested by: no spec'];
  };
  return { lines, json };
}

/** The rules of a profile with what `rules` prints under each: its states and citation, which rule of a pair
 *  applies, where other profiles replace it and which specs test it (the HTML report's rules table). */
export function ruleEntries(profile: Profile): {
  id: string;
  event: RuleEvent;
  states: string[];
  summary: string;
  citation: string;
  notes: string[];
  replacedIn: string[];
  testedBy: string[];
}[] {
  const rules = profileRules(profile);
  const notes = pairNotes(profile, rules);
  const tested = testedBy();
  return rules.map((r) => ({
    id: r.id,
    event: r.event,
    states: r.states.map(stateName),
    summary: r.summary,
    citation: citation(r),
    notes: notes.has(r.id) ? [notes.get(r.id)!] : [],
    replacedIn: (replacedBy(r) ?? []).map((x) => `${x.profile} by ${x.rule} (${x.cite})`),
    testedBy: tested.json(r.id).map((e) => `${e.file}: ${e.spec}`),
  }));
}

export function rulesCommand(flags: { profile: string; json?: boolean }): number {
  const profile = profileNamed(flags.profile);
  const rules = profileRules(profile);
  const tested = testedBy();
  if (flags.json) {
    // A profile's own rule has no replacedBy (undefined is left out).
    const listed = rules.map((r) => ({ ...r, replacedBy: replacedBy(r) ?? undefined, specs: tested.json(r.id) }));
    process.stdout.write(JSON.stringify({ profile: profile.name, rules: listed }) + '\n');
    return 0;
  }
  const notes = pairNotes(profile, rules);
  const out: string[] = [`${rules.length} rules of profile ${profile.name} — ${profile.summary}`, ''];
  for (const [event, group] of byEvent(rules)) {
    out.push(`== ${event}`);
    for (const r of group) {
      out.push(`  ${r.id}`);
      out.push(`      in ${r.states.map(stateName).join(', ')}`);
      out.push(`      ${r.summary}`);
      out.push(`      ${citation(r)}`);
      const note = notes.get(r.id);
      if (note) out.push(`      ${note}`);
      for (const x of replacedBy(r) ?? []) out.push(`      replaced in ${x.profile} by ${x.rule} (${x.cite})`);
      for (const l of tested.lines(r.id)) out.push(`      ${l}`);
    }
  }
  if (profile.overrides.length) {
    out.push('', `Overrides in ${profile.name}${profile.extends ? ' (over ' + profile.extends + ')' : ''}:`);
    for (const o of profile.overrides)
      out.push(`  - ${o.kind === 'bug' ? '[bug, tolerated] ' : ''}${o.what} — ${o.because} (${o.cite})`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
