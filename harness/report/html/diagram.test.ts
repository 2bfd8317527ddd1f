// The state diagram of the HTML report against RFC 9293 §3.3.2 Figure 5: its eleven states by the RFC's names,
// its transitions, and shading that follows the coverage given, not anything else.
import { stateDiagram } from './diagram';

/** The boxes drawn: [data-state, class list, name shown], the second CLOSED box (an alias) apart. */
function boxes(svg: string, kind = 'state'): { state: string; classes: string[]; name: string }[] {
  const re = new RegExp(`<g class="${kind} ([^"]*)" data-state="([^"]+)">.*?<text[^>]*>([^<]*)</text></g>`, 'g');
  return [...svg.matchAll(re)].map((m) => ({ classes: m[1].split(' '), state: m[2], name: m[3] }));
}

function edges(svg: string): { key: string; classes: string[] }[] {
  return [...svg.matchAll(/<g class="edge ([^"]*)" data-from="(\w+)" data-to="(\w+)">/g)].map((m) => ({
    classes: m[1].split(' '),
    key: `${m[2]}->${m[3]}`,
  }));
}

// RFC 9293 §3.3.2 lists the states in this order, spelt like this.
const RFC_NAMES = [
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
  'CLOSED',
];

// Read off Figure 5 by hand: each arrow, from the box it leaves to the box it enters; and note 2's.
const FIGURE_5 = [
  'Closed->Listen',
  'Listen->Closed',
  'Closed->SynSent',
  'SynSent->Closed',
  'Listen->SynSent',
  'Listen->SynReceived',
  'SynReceived->Listen',
  'SynSent->SynReceived',
  'SynReceived->Established',
  'SynSent->Established',
  'SynReceived->FinWait1',
  'Established->FinWait1',
  'Established->CloseWait',
  'FinWait1->FinWait2',
  'FinWait1->Closing',
  'CloseWait->LastAck',
  'FinWait2->TimeWait',
  'Closing->TimeWait',
  'LastAck->Closed',
  'TimeWait->Closed',
];
const NOTE_2 = 'FinWait1->TimeWait';

test('all eleven states are drawn, each once, named as RFC 9293 §3.3.2 writes them', () => {
  const drawn = boxes(stateDiagram());
  expect(drawn).toHaveLength(11);
  expect(drawn.map((b) => b.name).sort()).toEqual([...RFC_NAMES].sort());
  expect(new Set(drawn.map((b) => b.state)).size).toBe(11);
});

test('like Figure 5, CLOSED is drawn a second time where LAST-ACK and TIME-WAIT end', () => {
  const alias = boxes(stateDiagram(), 'state-alias');
  expect(alias).toEqual([expect.objectContaining({ state: 'Closed', name: 'CLOSED' })]);
});

test('every arrow of Figure 5 and the transition of its note 2 is drawn, and nothing else without a reason', () => {
  const drawn = edges(stateDiagram()).map((e) => e.key);
  expect(drawn.sort()).toEqual([...FIGURE_5, NOTE_2].sort());
});

test('without coverage nothing is shaded as reached or not', () => {
  const svg = stateDiagram();
  expect(boxes(svg).every((b) => b.classes.includes('unmeasured'))).toBe(true);
  expect(edges(svg).every((e) => e.classes.includes('unmeasured'))).toBe(true);
});

describe('shading follows the coverage given', () => {
  const svg = stateDiagram({
    coverage: {
      missingStates: ['Closing', 'TimeWait'],
      transitions: ['Closed->Listen', 'Listen->SynReceived', 'Established->Closed'],
    },
  });

  test('the states not reached are shaded missing, every other covered', () => {
    const shade = Object.fromEntries(boxes(svg).map((b) => [b.state, b.classes.filter((c) => c !== 'state')]));
    expect(shade.Closing).toEqual(['missing']);
    expect(shade.TimeWait).toEqual(['missing']);
    for (const s of ['Closed', 'Listen', 'SynSent', 'SynReceived', 'Established', 'FinWait1', 'FinWait2'])
      expect(shade[s]).toEqual(['covered']);
  });

  test("the transitions taken are covered, the figure's others missing", () => {
    const shade = Object.fromEntries(edges(svg).map((e) => [e.key, e.classes]));
    expect(shade['Closed->Listen']).toContain('covered');
    expect(shade['Listen->SynReceived']).toContain('covered');
    expect(shade['Listen->Closed']).toContain('missing');
    expect(shade['TimeWait->Closed']).toContain('missing');
  });

  test('a transition taken that Figure 5 leaves out (a RST in ESTABLISHED, its note 3) is drawn apart', () => {
    const rst = edges(svg).find((e) => e.key === 'Established->Closed');
    expect(rst?.classes).toEqual(expect.arrayContaining(['extra', 'covered']));
  });
});

test('a transition outside the figure that a trace needs is drawn once, however often asked for', () => {
  const svg = stateDiagram({
    extra: [
      ['SynReceived', 'Closed'],
      ['SynReceived', 'Closed'],
      ['Listen', 'Listen'],
    ],
  });
  expect(edges(svg).filter((e) => e.key === 'SynReceived->Closed')).toHaveLength(1);
  expect(edges(svg).some((e) => e.key === 'Listen->Listen')).toBe(false);
});

test('no two state boxes overlap', () => {
  const rects = [...stateDiagram().matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/g)].map((m) =>
    m.slice(1).map(Number),
  );
  expect(rects).toHaveLength(12);
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const [ax, ay, aw, ah] = rects[i];
      const [bx, by, bw, bh] = rects[j];
      expect(ax + aw <= bx || bx + bw <= ax || ay + ah <= by || by + bh <= ay).toBe(true);
    }
});
