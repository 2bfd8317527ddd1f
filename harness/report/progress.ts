// Progress on long runs: a self-rewriting line on a terminal, a line per tenth in CI logs. The terminal line
// is fitted to the terminal's width: a line one column too long wraps, and every redraw then leaves a stale
// line behind.

/** 7s, 4m05s, 2h03m: short enough to keep the line inside 80 columns. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** What the line must say, and what it can do without. */
interface Figures {
  /** Runs done, time elapsed and time left. */
  core: string;
  /** The same with the count of events. */
  full: string;
}

function figures(done: number, total: number, events: number, elapsedMs: number): Figures {
  const eta = done === 0 || done >= total ? '' : `, ETA ${duration((elapsedMs / done) * (total - done))}`;
  const time = `${duration(elapsedMs)} elapsed${eta}`;
  return { core: `${done}/${total} runs, ${time}`, full: `${done}/${total} runs, ${events} events, ${time}` };
}

const bar = (width: number, fraction: number) => {
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
};

const cut = (text: string, width: number) => (text.length <= width ? text : text.slice(0, width - 3) + '...');

/** Never wider than columns - 1: a terminal wraps a line that fills its last column, and every redraw then
 *  leaves a stale line behind. The bar's width depends on the label and on the widest the core figures can
 *  get, so that it stays put from one redraw to the next; the event count goes in where there is room left.
 *  What gives way first: the event count, then the label, then the bar. */
export function fitLine(columns: number, label: string, f: Figures, fraction: number, widest: number): string {
  const room = Math.max(columns - 1, 20);
  const MIN_BAR = 10;
  const line = (head: string) => (head.length + 1 + f.full.length <= room ? `${head} ${f.full}` : `${head} ${f.core}`);
  const width = Math.min(30, room - label.length - widest - 4);
  if (width >= MIN_BAR) return line(`${label} ${bar(width, fraction)}`);
  const labelRoom = room - widest - MIN_BAR - 4;
  if (labelRoom >= 8) return line(`${cut(label, labelRoom)} ${bar(MIN_BAR, fraction)}`);
  const alone = Math.min(30, room - widest - 3);
  if (alone >= MIN_BAR) return line(bar(alone, fraction));
  return cut(f.core, room);
}

export function progressReporter(
  stream: NodeJS.WriteStream,
  label: string,
  now: () => number = Date.now,
): { update(done: number, total: number, events: number): void; end(): void } {
  const tty = stream.isTTY === true && !process.env.CI;
  const start = now();
  let lastTenth = -1;
  let lastDraw = -Infinity;
  return {
    update(done, total, events) {
      const t = now();
      const f = figures(done, total, events, t - start);
      if (tty) {
        if (t - lastDraw < 100 && done < total) return;
        lastDraw = t;
        // Read each time: the terminal may have been resized since the last redraw.
        // Durations are at most 6 characters wide (59m59s, 1h02m).
        const widest = `${total}/${total} runs, 00m00s elapsed, ETA 00m00s`.length;
        const line = fitLine(stream.columns || 80, label, f, done / total, widest);
        stream.write(`\r\x1b[K${line}`);
      } else {
        const tenth = Math.floor((done * 10) / total);
        if (tenth > lastTenth && tenth > 0) {
          lastTenth = tenth;
          stream.write(`${label}: ${f.full}\n`);
        }
      }
    },
    end() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}
