// `tcpconform rules`: the state machine as a readable table of rules with their citations.
import { profileRules } from '../../models/profile';
import { citation } from '../../models/rules';
import { stateName } from '../../models/state';
import { profileNamed } from './options';

export function rulesCommand(flags: { profile: string; json?: boolean }): number {
  const profile = profileNamed(flags.profile);
  const rules = profileRules(profile);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ profile: profile.name, rules }) + '\n');
    return 0;
  }
  const out: string[] = [`${rules.length} rules of profile ${profile.name} — ${profile.summary}`, ''];
  let event = '';
  for (const r of rules) {
    if (r.event !== event) {
      event = r.event;
      out.push(`== ${event}`);
    }
    out.push(`  ${r.id}`);
    out.push(`      in ${r.states.map(stateName).join(', ')}`);
    out.push(`      ${r.summary}`);
    out.push(`      ${citation(r)}`);
  }
  if (profile.overrides.length) {
    out.push('', `Overrides in ${profile.name}${profile.extends ? ' (over ' + profile.extends + ')' : ''}:`);
    for (const o of profile.overrides) out.push(`  - ${o.kind === 'bug' ? '[bug, tolerated] ' : ''}${o.what} — ${o.because} (${o.cite})`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
