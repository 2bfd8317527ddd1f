// Parsing and validating option values: every bad value is a UsageError naming the flag and what it wants.
import { ADAPTERS, findAdapter } from '../../adapters/registry';
import { PROFILES, findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { BadProfile, isProfilePath, loadProfileFile } from '../profile-file';
import { UsageError } from './exit-codes';

export function positiveInt(flag: string, text: string, max = 10_000_000): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${text}"`);
  return Number(text);
}

export function seedValue(text: string): number {
  if (!/^-?\d+$/.test(text) || Math.abs(Number(text)) > 0x7fffffff)
    throw new UsageError(`--seed must be an integer from -2147483647 to 2147483647, got "${text}"`);
  return Number(text);
}

export function probability(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new UsageError(`${flag} must be a probability from 0 to 1, got "${text}"`);
  return v;
}

/** A built-in profile by name, or a user's profile from a file (any value that looks like a path). */
export function profileNamed(name: string): Profile {
  if (isProfilePath(name)) {
    try {
      return loadProfileFile(name);
    } catch (e) {
      if (e instanceof BadProfile) throw new UsageError(e.message);
      throw e;
    }
  }
  const p = findProfile(name);
  if (!p)
    throw new UsageError(
      `unknown profile "${name}" (known: ${PROFILES.map((x) => x.name).join(', ')}; or a profile file: --profile ./my-profile.js)`,
    );
  return p;
}

export function adapterNamed(name: string) {
  const a = findAdapter(name);
  if (!a) throw new UsageError(`unknown adapter "${name}" (known: ${ADAPTERS.map((x) => x.name).join(', ')})`);
  return a;
}
