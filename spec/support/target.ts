// Which IUT the suite runs against: TCPCONFORM_ADAPTER (default 'model'; 'process' starts TCPCONFORM_CMD, any
// stack speaking adapters/process/PROTOCOL.md) checked against TCPCONFORM_PROFILE (default 'rfc9293', or a
// profile file such as ./my-profile.js). Whether the adapter can run here, and what it can do, is learned before
// any spec is defined (see probe.js), so that a spec the adapter cannot run is a visible skip with its reason
// printed, never a silent pass.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Adapter, Capabilities } from '../../adapters/types';
import { findAdapter } from '../../adapters/registry';
import { Profile } from '../../models/profile';
import { findProfile, PROFILES } from '../../models/profiles';
import { BadProfile, isProfilePath, loadProfileFile } from '../../harness/profile-file';

export interface Target {
  adapterName: string;
  profile: Profile;
  /** Set when the adapter cannot run on this machine: every spec skips with this reason. */
  unavailable?: string;
  capabilities?: Capabilities;
}

let cached: Target | undefined;

/** The configured target, probed once per test file. Throws (failing the file) on a misconfiguration. */
export function target(): Target {
  if (cached) return cached;
  const adapterName = process.env.TCPCONFORM_ADAPTER || 'model';
  const profileName = process.env.TCPCONFORM_PROFILE || 'rfc9293';
  const profile = profileFrom(profileName);
  if (adapterName === 'process' && !process.env.TCPCONFORM_CMD?.trim())
    throw new Error(
      'TCPCONFORM_ADAPTER=process needs TCPCONFORM_CMD, the command that starts the IUT ' +
        '(e.g. TCPCONFORM_CMD="node dist/harness/cli/main.js serve"; see adapters/process/PROTOCOL.md)',
    );
  const last = probeOnce(adapterName, profileName);
  const probe = JSON.parse(last) as {
    ok: boolean;
    reason?: string;
    unknown?: boolean;
    error?: string;
    capabilities?: Capabilities;
  };
  if (probe.ok) cached = { adapterName, profile, capabilities: probe.capabilities };
  else if (probe.unknown) throw new Error(`TCPCONFORM_ADAPTER: ${probe.reason}`);
  else if (probe.error)
    throw new Error(
      `creating adapter "${adapterName}" failed (not AdapterUnavailable, so this is a bug): ${probe.error}`,
    );
  else cached = { adapterName, profile, unavailable: probe.reason ?? 'unavailable' };
  return cached;
}

/**
 * The probe's answer (its last line) for this adapter and profile under this environment: asked of probe.js in a
 * child process once per jest run. The first test file to ask leaves the answer in the run's directory
 * (TCPCONFORM_PROBE_CACHE, made by probe-cache.js); the others read it there. Without that directory (target.ts
 * used outside `jest`'s run) every call probes.
 */
function probeOnce(adapterName: string, profileName: string): string {
  const dir = process.env.TCPCONFORM_PROBE_CACHE;
  const file = dir ? path.join(dir, `${probeKey(adapterName, profileName, process.env)}.json`) : undefined;
  if (file && fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  const raw = execFileSync(process.execPath, [path.join(__dirname, 'probe.js'), adapterName, profileName], {
    encoding: 'utf8',
    timeout: 120000,
    env: process.env, // explicitly: under Jest this is the test's environment, not the worker's
  });
  const last = raw.trim().split('\n').pop() ?? '';
  if (file && fs.existsSync(dir!)) {
    // Written whole, then renamed: a test file reading it at the same moment sees all of it or nothing.
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, last);
    fs.renameSync(partial, file);
  }
  return last;
}

/** What a probe's answer depends on: the adapter, the profile, and the variables the adapters and gates read. */
export function probeKey(adapterName: string, profileName: string, env: NodeJS.ProcessEnv): string {
  const vars = Object.entries(env)
    .filter(([k]) => (k.startsWith('TCPCONFORM_') && k !== 'TCPCONFORM_PROBE_CACHE') || k === 'CI')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([adapterName, profileName, vars]))
    .digest('hex')
    .slice(0, 32);
}

function profileFrom(name: string): Profile {
  if (isProfilePath(name)) {
    try {
      return loadProfileFile(name);
    } catch (e) {
      if (e instanceof BadProfile) throw new Error(`TCPCONFORM_PROFILE: ${e.message}`, { cause: e });
      throw e;
    }
  }
  const profile = findProfile(name);
  if (!profile)
    throw new Error(
      `TCPCONFORM_PROFILE="${name}" is not a profile (known: ${PROFILES.map((p) => p.name).join(', ')}, or a profile file); set it to one of those`,
    );
  return profile;
}

/** Create the adapter itself (in this process). Call from a test or a hook, after target() said it is available. */
export async function createAdapter(): Promise<Adapter> {
  const t = target();
  const entry = findAdapter(t.adapterName);
  if (!entry) throw new Error(`adapter "${t.adapterName}" vanished from the registry`);
  return entry.create({ profile: t.profile.name, cmd: process.env.TCPCONFORM_CMD });
}
