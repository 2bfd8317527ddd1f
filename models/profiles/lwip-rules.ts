// The rules the lwip profile adds, as one list: the parts in their order, which is the order `tcpconform rules`
// and coverage list them in.
import { LWIP_OPENING_RULES } from './lwip-rules-opening';
import { LWIP_SYNCHRONIZED_RULES } from './lwip-rules-synchronized';
import { LWIP_LATER_RULES } from './lwip-rules-later';

export const LWIP_RULES = [...LWIP_OPENING_RULES, ...LWIP_SYNCHRONIZED_RULES, ...LWIP_LATER_RULES] as const;

/** The ids of the rules this profile adds. */
export type LwipRuleId = (typeof LWIP_RULES)[number]['id'];
