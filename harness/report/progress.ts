// Progress on long runs: a self-rewriting line on a terminal, a line per tenth in CI logs.
export function progressReporter(stream: NodeJS.WriteStream, label: string): { update(done: number, total: number, events: number): void; end(): void } {
  const tty = stream.isTTY === true && !process.env.CI;
  let lastTenth = -1;
  let lastDraw = 0;
  return {
    update(done, total, events) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs, ${events} events`);
      } else {
        const tenth = Math.floor((done * 10) / total);
        if (tenth > lastTenth && tenth > 0) {
          lastTenth = tenth;
          stream.write(`${label}: ${done}/${total} runs, ${events} events\n`);
        }
      }
    },
    end() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}
