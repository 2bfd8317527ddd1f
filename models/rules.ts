// The catalogue of rules: RFC 793 §3.9 and RFC 9293 §3.10 event processing, one entry per outcome.
import { Rule } from './rule';
import { USER_CALL_RULES } from './rules-user';
import { UNSYNCHRONIZED_RULES } from './rules-unsynchronized';
import { CHECK_RULES } from './rules-checks';
import { TEXT_RULES } from './rules-text';
import { TIMEOUT_RULES } from './rules-timeouts';

const CATALOGUE = [
  ...USER_CALL_RULES,
  ...UNSYNCHRONIZED_RULES,
  ...CHECK_RULES,
  ...TEXT_RULES,
  ...TIMEOUT_RULES,
] as const satisfies readonly Rule[];

/** The ids of the catalogue's rules: the compiler checks every rule the model fires against them. */
export type CatalogueRuleId = (typeof CATALOGUE)[number]['id'];
export const RULES: readonly Rule[] = CATALOGUE;

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

/** A rule by id, looking first at the profile's own (implementation profiles add cited rules). */
export function ruleIn(profile: { extraRules: readonly Rule[] } | undefined, id: string): Rule | undefined {
  return profile?.extraRules.find((r) => r.id === id) ?? BY_ID.get(id);
}

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** "RFC 793 §3.9 p.70, RFC 9293 §3.10.7.4 (second)" */
export function citation(rule: Rule): string {
  const parts = [];
  if (!rule.rfc793.startsWith('(')) parts.push(`RFC 793 ${rule.rfc793}`);
  parts.push(`RFC 9293 ${rule.rfc9293}`);
  if (rule.also) parts.push(rule.also);
  return parts.join(', ');
}
