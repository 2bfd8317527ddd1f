// A user's own profile, from a CommonJS module on disk (`--profile ./my-profile.js`): loaded, checked to have
// the shape of models/profile.ts, and added to the profiles known by name. The loading lives here and not in
// models/, which does no file IO.
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import { Profile, ProfileParams } from '../models/profile';
import { PROFILES, addProfile, findProfile } from '../models/profiles';
import { RULES } from '../models/rules';

/** A profile file that is missing, throws when loaded, or does not export a profile: one line saying which. */
export class BadProfile extends Error {}

/** A --profile value names a file, not a built-in profile, when it looks like a path. */
export function isProfilePath(value: string): boolean {
  return value.includes('/') || value.includes('\\') || /\.c?js$/.test(value);
}

// Every parameter of ProfileParams with the values it takes; the compiler keeps this list complete.
type ParamKind = 'number' | 'number?' | 'numberOrNull' | 'numberOrNull?' | 'boolean?' | 'numbers?' | 'limits?';
const PARAMS: Record<keyof ProfileParams, ParamKind> = {
  rtoInitial: 'number',
  rtoMax: 'number',
  rtoMin: 'number?',
  timeWaitLo: 'number',
  timeWaitHi: 'number',
  userTimeoutLo: 'numberOrNull',
  userTimeoutHi: 'numberOrNull',
  maxRetransmissions: 'limits?',
  rtoWildMax: 'number?',
  giveUpWithin: 'number?',
  rtoBackoff: 'numbers?',
  finWait2TimeoutLo: 'numberOrNull?',
  finWait2TimeoutHi: 'numberOrNull?',
  synReceivedTimeoutLo: 'numberOrNull?',
  synReceivedTimeoutHi: 'numberOrNull?',
  closedTimersFromLastArrival: 'boolean?',
  lastAckTimeoutLo: 'numberOrNull?',
  lastAckTimeoutHi: 'numberOrNull?',
  presegmentMss: 'number?',
  presegmentStalls: 'boolean?',
  synSentDataWindow: 'numberOrNull?',
  synRtoFixed: 'boolean?',
  synRetryAfterBadAck: 'number?',
  sndMssMin: 'number?',
  delayedAckMax: 'number',
  rcvBuffer: 'number',
  mss: 'number',
};

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const fits: Record<string, (v: unknown) => boolean> = {
  number: isNumber,
  numberOrNull: (v) => v === null || isNumber(v),
  boolean: (v) => typeof v === 'boolean',
  numbers: (v) => Array.isArray(v) && v.every(isNumber),
  limits: (v) =>
    v === null ||
    (typeof v === 'object' && isNumber((v as { data?: unknown }).data) && isNumber((v as { syn?: unknown }).syn)),
};

/** The features some rule or built-in profile switches on: a name outside them is a typo. */
function knownFeatures(p: { extraRules?: unknown }): Set<string> {
  const rules = [...RULES, ...(Array.isArray(p.extraRules) ? p.extraRules : [])] as {
    requires?: string;
    unless?: string;
  }[];
  const out = new Set<string>(PROFILES.flatMap((x) => [...x.features]));
  for (const r of rules) for (const f of [r?.requires, r?.unless]) if (typeof f === 'string') out.add(f);
  return out;
}

const BUILT_IN = new Set(PROFILES.map((p) => p.name));
/** The profiles loaded so far, by absolute path: loading a file again gives the same profile. */
const loaded = new Map<string, Profile>();

/** What is wrong with `o` as a profile, or null. */
function whatIsWrong(o: Record<string, unknown>): string | null {
  if (typeof o.name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(o.name))
    return `"name" must be a string of letters, digits, ".", "_" or "-" (it names counterexample files), got ${JSON.stringify(o.name)}`;
  if (BUILT_IN.has(o.name)) return `"name" is "${o.name}", a built-in profile's: give yours a name of its own`;
  if (findProfile(o.name)) return `"name" is "${o.name}", the name of a profile loaded from another file`;
  if (typeof o.summary !== 'string') return '"summary" must be a string saying what the profile describes';
  const features = o.features instanceof Set ? [...o.features] : Array.isArray(o.features) ? o.features : undefined;
  if (!features) return '"features" must be a Set (or an array) of feature names';
  const known = knownFeatures(o);
  const unknown = features.find((f) => typeof f !== 'string' || !known.has(f));
  if (unknown !== undefined)
    return `"features" has ${JSON.stringify(unknown)}, which no rule uses (known: ${[...known].sort().join(', ')})`;
  if (typeof o.params !== 'object' || o.params === null)
    return '"params" must be an object (spread a base profile\'s: { ...rfc9293.params })';
  const params = o.params as Record<string, unknown>;
  for (const key of Object.keys(params))
    if (!(key in PARAMS))
      return `"params.${key}" is not a profile parameter (known: ${Object.keys(PARAMS).join(', ')})`;
  for (const [key, kind] of Object.entries(PARAMS)) {
    const optional = kind.endsWith('?');
    if (optional && params[key] === undefined) continue;
    if (!fits[kind.replace('?', '')](params[key]))
      return `"params.${key}" must be ${kind.replace('?', '').replace('OrNull', ' (ms) or null')}, got ${JSON.stringify(params[key])}`;
  }
  for (const key of ['overrides', 'extraRules'])
    if (!Array.isArray(o[key])) return `"${key}" must be an array (it may be empty)`;
  const bad = (o.overrides as unknown[]).findIndex(
    (x) => !['what', 'because', 'cite'].every((k) => typeof (x as Record<string, unknown>)?.[k] === 'string'),
  );
  if (bad >= 0) return `"overrides[${bad}]" needs "what", "because" and "cite", each a string`;
  return null;
}

/** Loads the profile exported by the CommonJS module at `file` (module.exports, or its `profile` or `default`). */
export function loadProfileFile(file: string): Profile {
  const abs = path.resolve(file);
  const again = loaded.get(abs);
  if (again) return again;
  if (!fs.existsSync(abs)) throw new BadProfile(`profile file ${file} does not exist`);
  letProfilesRequireThisPackage();
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a user module, by path, at run time
    exported = require(abs);
  } catch (e) {
    throw new BadProfile(
      `profile file ${file} threw when loaded: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
    );
  }
  const x = exported as { profile?: unknown; default?: unknown } | null;
  const candidate = (x && typeof x === 'object' && (x.profile ?? x.default)) || x;
  if (typeof candidate !== 'object' || candidate === null)
    throw new BadProfile(
      `profile file ${file} exports ${candidate === null ? 'null' : typeof candidate}, not a profile`,
    );
  const wrong = whatIsWrong(candidate as Record<string, unknown>);
  if (wrong) throw new BadProfile(`profile file ${file} does not export a profile: ${wrong}`);
  const c = candidate as Profile & { features: Iterable<string> };
  const profile: Profile = { ...c, features: new Set(c.features) as Profile['features'] };
  addProfile(profile);
  loaded.set(abs, profile);
  return profile;
}

/** The file a profile was loaded from (absolute), or undefined for one that was not: worker threads load it
 *  again from there (harness/workers). */
export function profileFileOf(profile: Profile): string | undefined {
  for (const [file, p] of loaded) if (p === profile) return file;
  return undefined;
}

/** This package's root: the folder of its package.json, from the sources or from dist/. */
function packageRoot(): string {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d))
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
  return path.dirname(__dirname);
}

let hooked = false;
/** A profile file says `require('tcpconform')`, but a globally installed tcpconform is not on its module path:
 *  where Node finds no other copy, that name resolves to the package running now. */
function letProfilesRequireThisPackage(): void {
  if (hooked) return;
  hooked = true;
  const m = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = m._resolveFilename;
  m._resolveFilename = function (request: string, ...rest: unknown[]): string {
    try {
      return resolve.call(this, request, ...rest);
    } catch (e) {
      // The entry next to this file: dist/harness/api.js, or harness/api.ts where the sources run.
      if (request === 'tcpconform') return resolve.call(this, path.join(__dirname, 'api'), ...rest);
      if (!request.startsWith('tcpconform/')) throw e;
      return resolve.call(this, packageRoot() + request.slice('tcpconform'.length), ...rest);
    }
  };
}
