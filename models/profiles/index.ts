// The profiles by name. An implementation profile (linux, lwip, ...) is one more file that spreads the
// profile it departs from and lists its overrides, each with a citation.
import { Profile } from '../profile';
import './features';
import type { CatalogueRuleId } from '../rules';
import { rfc793 } from './rfc793';
import { rfc9293 } from './rfc9293';
import { lwip } from './lwip';
import { linux } from './linux';
import { gvisor } from './gvisor';
import { slirp } from './slirp';

export const PROFILES: Profile[] = [rfc793, rfc9293, lwip, linux, gvisor, slirp];

/**
 * The rule ids each implementation profile adds, by profile name. A profile's own file declares its entry
 * (`declare module './index' { interface ProfileRuleIds { lwip: LwipRuleId } }`), so that adding a profile takes
 * its files and its line in PROFILES above, nothing more.
 */
export interface ProfileRuleIds {
  rfc9293: CatalogueRuleId;
}

/** Every rule id the model may fire: the catalogue's and those the profiles add. The compiler checks each
 *  fire() against it; models/profiles/rules-defined.long.test.ts checks that a profile fires only its own. */
export type RuleId = ProfileRuleIds[keyof ProfileRuleIds];
export const DEFAULT_PROFILE = 'rfc9293';

export function findProfile(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}

/** A profile brought at run time (a user's profile file, loaded by harness/profile-file.ts): found by name from
 *  then on like the built-in ones, so that adapters which follow a profile by name (the model) follow it too. */
export function addProfile(p: Profile): void {
  const known = findProfile(p.name);
  if (known === p) return;
  if (known) throw new Error(`a profile named "${p.name}" exists already`);
  PROFILES.push(p);
}
