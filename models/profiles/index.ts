// The profiles by name. An implementation profile (linux, lwip, ...) is one more file that spreads the
// profile it departs from and lists its overrides, each with a citation.
import { Profile } from '../profile';
import { rfc793 } from './rfc793';
import { rfc9293 } from './rfc9293';
import { lwip } from './lwip';
import { linux } from './linux';

export const PROFILES: Profile[] = [rfc793, rfc9293, lwip, linux];
export const DEFAULT_PROFILE = 'rfc9293';

export function findProfile(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}
