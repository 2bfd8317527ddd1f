// The eleven connection states (RFC 793 §3.2 p.21-22; RFC 9293 §3.3.2).

export const STATES = [
  'Closed',
  'Listen',
  'SynSent',
  'SynReceived',
  'Established',
  'FinWait1',
  'FinWait2',
  'CloseWait',
  'Closing',
  'LastAck',
  'TimeWait',
] as const;

export type State = (typeof STATES)[number];

/** The synchronized states (RFC 793 §3.4 p.37; RFC 9293 §3.5.2): ESTABLISHED to TIME-WAIT. */
export const SYNCHRONIZED: readonly State[] = [
  'Established',
  'FinWait1',
  'FinWait2',
  'CloseWait',
  'Closing',
  'LastAck',
  'TimeWait',
];

/** The states SEGMENT ARRIVES calls "otherwise": SYN-RECEIVED and the synchronized ones (RFC 9293 §3.10.7.4). */
export const OTHER_STATES: readonly State[] = ['SynReceived', ...SYNCHRONIZED];

/** Every state with a TCB. */
export const NOT_CLOSED: readonly State[] = STATES.filter((s) => s !== 'Closed');

/** The RFC's own spelling: SYN-RECEIVED, FIN-WAIT-1, ... */
export function stateName(s: State): string {
  switch (s) {
    case 'Closed':
      return 'CLOSED';
    case 'Listen':
      return 'LISTEN';
    case 'SynSent':
      return 'SYN-SENT';
    case 'SynReceived':
      return 'SYN-RECEIVED';
    case 'Established':
      return 'ESTABLISHED';
    case 'FinWait1':
      return 'FIN-WAIT-1';
    case 'FinWait2':
      return 'FIN-WAIT-2';
    case 'CloseWait':
      return 'CLOSE-WAIT';
    case 'Closing':
      return 'CLOSING';
    case 'LastAck':
      return 'LAST-ACK';
    case 'TimeWait':
      return 'TIME-WAIT';
  }
}

export function parseState(text: string): State | undefined {
  return STATES.find((s) => s.toLowerCase() === text.toLowerCase() || stateName(s) === text.toUpperCase());
}

/** Synchronized states: a connection exists and both sequence spaces are known (RFC 9293 §3.5.2). */
export function isSynchronized(s: State): boolean {
  return s !== 'Closed' && s !== 'Listen' && s !== 'SynSent' && s !== 'SynReceived';
}
