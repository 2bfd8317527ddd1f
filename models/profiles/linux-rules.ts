// The rules the linux profile adds, as one list: the parts in their order, which is the order `tcpconform rules`
// and coverage list them in.
import { LINUX_SOCKETS_RULES } from './linux-rules-sockets';
import { LINUX_LATER_RULES } from './linux-rules-later';

export const LINUX_RULES = [...LINUX_SOCKETS_RULES, ...LINUX_LATER_RULES] as const;

/** The ids of the rules this profile adds. */
export type LinuxRuleId = (typeof LINUX_RULES)[number]['id'];
