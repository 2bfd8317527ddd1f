// The connection state diagram of RFC 9293 §3.3.2 (Figure 5; RFC 793 §3.2 Figure 6) as SVG, laid out as the
// figure is: CLOSED on top, the two opening states either side, ESTABLISHED in the middle, the closing states
// below it. The figure draws CLOSED twice (top, and bottom right where LAST-ACK and TIME-WAIT end); so do we,
// the second box an alias of the first. Transitions the figure leaves out (its notes 2 and 3: RSTs, ABORT,
// timeouts) are drawn, thin and unlabelled, only where coverage or a trace needs them.
import { STATES, State, stateName } from '../../../models/state';
import { esc } from './escape';

type Point = readonly [number, number];

export const WIDTH = 820;
export const HEIGHT = 800;
const HALF_W = 70;
const HALF_H = 20;

/** Where each state's box stands: Figure 5's rows and columns. */
export const POSITIONS: Record<State, Point> = {
  Closed: [400, 60],
  Listen: [400, 175],
  SynReceived: [110, 305],
  SynSent: [700, 305],
  Established: [400, 425],
  FinWait1: [110, 540],
  CloseWait: [700, 540],
  FinWait2: [110, 660],
  Closing: [400, 660],
  LastAck: [700, 660],
  TimeWait: [400, 760],
};

/** The figure's second CLOSED box, where the connection ends. */
const CLOSED_BELOW: Point = [700, 760];

/** A transition of the figure: its route, and its event over its action, in the figure's own short words. */
export interface FigureEdge {
  from: State;
  to: State;
  event: string;
  action: string;
  route: readonly Point[];
  /** Where the label's first line starts, and which way it runs from there. */
  label: Point;
  anchor: 'start' | 'middle' | 'end';
  /** Drawn dashed: a transition the figure only mentions in a note. */
  note?: boolean;
}

const e = (
  from: State,
  to: State,
  event: string,
  action: string,
  route: Point[],
  label: Point,
  anchor: FigureEdge['anchor'],
  note = false,
): FigureEdge => ({ from, to, event, action, route, label, anchor, note });

/** Figure 5's transitions, plus that of its note 2 (FIN-WAIT-1 to TIME-WAIT on a FIN that also acks ours). */
export const FIGURE_EDGES: readonly FigureEdge[] = [
  e(
    'Closed',
    'Listen',
    'passive OPEN',
    'create TCB',
    [
      [385, 80],
      [385, 155],
    ],
    [377, 112],
    'end',
  ),
  e(
    'Listen',
    'Closed',
    'CLOSE',
    'delete TCB',
    [
      [415, 155],
      [415, 80],
    ],
    [423, 112],
    'start',
  ),
  e(
    'Closed',
    'SynSent',
    'active OPEN',
    'create TCB, snd SYN',
    [
      [470, 50],
      [750, 50],
      [750, 285],
    ],
    [610, 30],
    'middle',
  ),
  e(
    'SynSent',
    'Closed',
    'CLOSE',
    'delete TCB',
    [
      [715, 285],
      [715, 70],
      [470, 70],
    ],
    [600, 90],
    'middle',
  ),
  e(
    'Listen',
    'SynSent',
    'SEND',
    'snd SYN',
    [
      [470, 185],
      [665, 285],
    ],
    [585, 210],
    'start',
  ),
  e(
    'Listen',
    'SynReceived',
    'rcv SYN',
    'snd SYN,ACK',
    [
      [330, 185],
      [150, 285],
    ],
    [235, 215],
    'end',
  ),
  e(
    'SynReceived',
    'Listen',
    'rcv RST (note 1)',
    '',
    [
      [95, 285],
      [95, 170],
      [330, 170],
    ],
    [200, 162],
    'middle',
  ),
  e(
    'SynSent',
    'SynReceived',
    'rcv SYN',
    'snd SYN,ACK',
    [
      [630, 300],
      [180, 300],
    ],
    [405, 282],
    'middle',
  ),
  e(
    'SynReceived',
    'Established',
    'rcv ACK of SYN',
    '—',
    [
      [180, 318],
      [360, 405],
    ],
    [260, 378],
    'end',
  ),
  e(
    'SynSent',
    'Established',
    'rcv SYN,ACK',
    'snd ACK',
    [
      [630, 318],
      [440, 405],
    ],
    [545, 378],
    'start',
  ),
  e(
    'SynReceived',
    'FinWait1',
    'CLOSE',
    'snd FIN',
    [
      [110, 325],
      [110, 520],
    ],
    [102, 420],
    'end',
  ),
  e(
    'Established',
    'FinWait1',
    'CLOSE',
    'snd FIN',
    [
      [335, 445],
      [180, 525],
    ],
    [255, 468],
    'end',
  ),
  e(
    'Established',
    'CloseWait',
    'rcv FIN',
    'snd ACK',
    [
      [465, 445],
      [630, 525],
    ],
    [555, 468],
    'start',
  ),
  e(
    'FinWait1',
    'FinWait2',
    'rcv ACK of FIN',
    '—',
    [
      [110, 560],
      [110, 640],
    ],
    [102, 597],
    'end',
  ),
  e(
    'FinWait1',
    'Closing',
    'rcv FIN',
    'snd ACK',
    [
      [180, 552],
      [340, 640],
    ],
    [268, 575],
    'start',
  ),
  e(
    'FinWait1',
    'TimeWait',
    'rcv FIN, ACK of FIN',
    'snd ACK (note 2)',
    [
      [150, 560],
      [345, 740],
    ],
    [290, 712],
    'end',
    true,
  ),
  e(
    'CloseWait',
    'LastAck',
    'CLOSE',
    'snd FIN',
    [
      [700, 560],
      [700, 640],
    ],
    [708, 597],
    'start',
  ),
  e(
    'FinWait2',
    'TimeWait',
    'rcv FIN',
    'snd ACK',
    [
      [95, 680],
      [95, 765],
      [330, 765],
    ],
    [115, 738],
    'start',
  ),
  e(
    'Closing',
    'TimeWait',
    'rcv ACK of FIN',
    '—',
    [
      [400, 680],
      [400, 740],
    ],
    [408, 712],
    'start',
  ),
  e(
    'LastAck',
    'Closed',
    'rcv ACK of FIN',
    '—',
    [
      [700, 680],
      [700, 740],
    ],
    [708, 712],
    'start',
  ),
  e(
    'TimeWait',
    'Closed',
    'Timeout=2MSL',
    'delete TCB',
    [
      [470, 760],
      [630, 760],
    ],
    [550, 735],
    'middle',
  ),
];

export const transitionKey = (from: State, to: State): string => `${from}->${to}`;

const FIGURE_KEYS = new Set(FIGURE_EDGES.map((x) => transitionKey(x.from, x.to)));

/** Whether Figure 5 (with its note 2) draws this transition. */
export const inFigure = (from: State, to: State): boolean => FIGURE_KEYS.has(transitionKey(from, to));

/** What the diagram is shaded by: the check's coverage, when there is one. */
export interface DiagramCoverage {
  /** States the check never reached (CoverageReport.states.missing). */
  missingStates: readonly string[];
  /** Transitions it took, as "Listen->SynReceived" (CoverageReport.transitions.list). */
  transitions: readonly string[];
}

export interface DiagramInput {
  coverage?: DiagramCoverage;
  /** Transitions outside the figure that must be drawn all the same: those a trace takes or was expected to. */
  extra?: readonly (readonly [State, State])[];
  /** Label for readers of assistive technology. */
  caption?: string;
}

/** A state's box; which CLOSED box an edge meets depends on where it comes from, as in the figure. */
const boxOf = (s: State, other?: State): Point =>
  s === 'Closed' && other !== undefined && POSITIONS[other][1] >= POSITIONS.FinWait1[1] ? CLOSED_BELOW : POSITIONS[s];

/** Where the segment from a box's centre towards a point leaves the box. */
function border(c: Point, towards: Point): Point {
  const dx = towards[0] - c[0];
  const dy = towards[1] - c[1];
  const t = Math.min(dx ? HALF_W / Math.abs(dx) : Infinity, dy ? HALF_H / Math.abs(dy) : Infinity);
  return [Math.round(c[0] + dx * t), Math.round(c[1] + dy * t)];
}

/** A transition the figure does not draw: a curve from box to box, bent to one side so that both ways show. */
function extraPath(from: State, to: State): string {
  const a = boxOf(from, to);
  const b = boxOf(to, from);
  const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  const bend = 40;
  const ctl: Point = [mid[0] + ((b[1] - a[1]) / len) * bend, mid[1] - ((b[0] - a[0]) / len) * bend];
  const p = border(a, ctl);
  const q = border(b, ctl);
  return `M${p[0]},${p[1]} Q${Math.round(ctl[0])},${Math.round(ctl[1])} ${q[0]},${q[1]}`;
}

const polyline = (route: readonly Point[]) => 'M' + route.map(([x, y]) => `${x},${y}`).join(' L');

function stateClass(s: State, cov?: DiagramCoverage): string {
  if (!cov) return 'unmeasured';
  return cov.missingStates.includes(s) ? 'missing' : 'covered';
}

function edgeClass(key: string, covered: ReadonlySet<string> | null): string {
  if (!covered) return 'unmeasured';
  return covered.has(key) ? 'covered' : 'missing';
}

function stateBox(s: State, at: Point, cls: string, alias: boolean): string {
  const [x, y] = at;
  const name = stateName(s);
  const note = cls === 'covered' ? 'reached' : cls === 'missing' ? 'not reached' : '';
  return (
    `<g class="${alias ? 'state-alias' : 'state'} ${cls}" data-state="${s}">` +
    `<title>${esc(name)}${note ? ': ' + note : ''}${alias ? ' (drawn again where connections end)' : ''}</title>` +
    `<rect x="${x - HALF_W}" y="${y - HALF_H}" width="${HALF_W * 2}" height="${HALF_H * 2}" rx="4"/>` +
    `<text x="${x}" y="${y + 5}" text-anchor="middle">${esc(name)}</text></g>`
  );
}

function figureEdge(x: FigureEdge, covered: ReadonlySet<string> | null): string {
  const key = transitionKey(x.from, x.to);
  const [lx, ly] = x.label;
  const label =
    `<text class="label" x="${lx}" y="${ly}" text-anchor="${x.anchor}">${esc(x.event)}` +
    (x.action ? `<tspan class="action" x="${lx}" dy="13">${esc(x.action)}</tspan>` : '') +
    '</text>';
  return (
    `<g class="edge figure ${edgeClass(key, covered)}${x.note ? ' note' : ''}" data-from="${x.from}" data-to="${x.to}">` +
    `<title>${esc(`${stateName(x.from)} → ${stateName(x.to)}: ${x.event}${x.action ? ' / ' + x.action : ''}`)}</title>` +
    `<path d="${polyline(x.route)}"/>${label}</g>`
  );
}

function otherEdge(from: State, to: State, covered: ReadonlySet<string> | null): string {
  const key = transitionKey(from, to);
  return (
    `<g class="edge extra ${edgeClass(key, covered)}" data-from="${from}" data-to="${to}">` +
    `<title>${esc(`${stateName(from)} → ${stateName(to)} (not drawn in Figure 5)`)}</title>` +
    `<path d="${extraPath(from, to)}"/></g>`
  );
}

/** The transitions outside the figure to draw: those covered and those asked for, each once, in state order. */
function otherEdges(input: DiagramInput): [State, State][] {
  const wanted = new Set<string>(input.coverage?.transitions ?? []);
  for (const [a, b] of input.extra ?? []) if (a !== b) wanted.add(transitionKey(a, b));
  const out: [State, State][] = [];
  for (const a of STATES)
    for (const b of STATES) if (!inFigure(a, b) && wanted.has(transitionKey(a, b))) out.push([a, b]);
  return out;
}

/** The diagram as an inline <svg> element (no namespace needed inside HTML, no external reference). */
export function stateDiagram(input: DiagramInput = {}): string {
  const covered = input.coverage ? new Set(input.coverage.transitions) : null;
  const parts = [
    `<svg class="diagram" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${esc(input.caption ?? 'TCP connection state diagram (RFC 9293 Figure 5)')}">`,
    ...otherEdges(input).map(([a, b]) => otherEdge(a, b, covered)),
    ...FIGURE_EDGES.map((x) => figureEdge(x, covered)),
    ...STATES.map((s) => stateBox(s, POSITIONS[s], stateClass(s, input.coverage), false)),
    stateBox('Closed', CLOSED_BELOW, stateClass('Closed', input.coverage), true),
    '</svg>',
  ];
  return parts.join('\n');
}

/** Arrowheads, one per look an edge can take; shared by every diagram of the page. */
export function arrowDefs(): string {
  const marker = (id: string) =>
    `<marker id="arrow-${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" ` +
    `orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-${id}"/></marker>`;
  const looks = ['covered', 'missing', 'unmeasured', 'trail', 'current', 'expected', 'observed'];
  return `<svg class="defs" width="0" height="0" aria-hidden="true"><defs>${looks.map(marker).join('')}</defs></svg>`;
}
