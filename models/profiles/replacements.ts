// Which implementation profiles replace a catalogue rule, and by which of their rules (issue 10): the variation
// shown at the rule it changes, as Netsem's specification shows a host's variation at the transition it alters.
import { citation } from '../rules';
import type { CatalogueRuleId } from '../rules';
import { PROFILES } from '.';

export interface Replacement {
  profile: string;
  /** The profile's rule that stands in place of the catalogue rule. */
  rule: string;
  /** Where the profile's rule is cited: the implementation's source where it names one, else its RFC sections. */
  cite: string;
}

/** The profiles' rules whose `replaces` names this catalogue rule, in the order of PROFILES and of their rules. */
export function replacementsOf(id: CatalogueRuleId): Replacement[] {
  return PROFILES.flatMap((p) =>
    p.extraRules
      .filter((r) => r.replaces?.includes(id))
      .map((r) => ({ profile: p.name, rule: r.id, cite: r.also ?? citation(r) })),
  );
}
