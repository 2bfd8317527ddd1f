// A tiny fake IUT for the process adapter's robustness tests. Its misbehaviour is chosen by argv[2]:
//   good       answers everything correctly (CLOSED, no packets; calls fail with "connection does not exist")
//   crash      answers reset, then dies with a message on stderr at the next request
//   hang       answers reset, then never answers again
//   garbage    answers reset, then prints a line that is not JSON
//   wrong-id   answers reset, then replies with the wrong id
//   version    says hello with protocol version 99
//   silent     never says hello
//   exit-early exits with code 3 before the hello
//   unsolicited says hello, then prints an extra line nobody asked for
//   bad-packet answers reset, then replies with a packet whose TCP checksum is wrong
//   ignore-eof never exits on end of input, and ignores SIGTERM (the harness must still kill it)
'use strict';
const mode = process.argv[2] || 'good';
const out = (o) => process.stdout.write((typeof o === 'string' ? o : JSON.stringify(o)) + '\n');
if (mode === 'ignore-eof') process.on('SIGTERM', () => {});
if (mode === 'exit-early') {
  process.stderr.write('fake-iut: cannot open /dev/tun0: permission denied\n');
  process.exit(3);
}
if (mode !== 'silent') {
  out({
    tcpconform: mode === 'version' ? 99 : 1,
    iut: `fake (${mode})`,
    capabilities: { calls: ['open.passive', 'receive'], segments: true, state: true, signals: false, clock: 'virtual' },
  });
}
if (mode === 'unsolicited') setTimeout(() => out({ id: 42, packets: [] }), 50);
let n = 0;
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    handle(JSON.parse(line));
  }
});
process.stdin.on('end', () => {
  if (mode === 'ignore-eof') setInterval(() => {}, 1000);
  else process.exit(0);
});
function handle(req) {
  n++;
  process.stderr.write(`fake-iut: request ${req.id} ${req.op}\n`);
  if (n > 1) {
    switch (mode) {
      case 'crash':
        process.stderr.write('fake-iut: assertion "pcb->state != LISTEN" failed in tcp_input\n');
        process.exit(134);
        return;
      case 'hang':
        return;
      case 'garbage':
        return out('Segmentation fault? no: just a debug printf on stdout');
      case 'wrong-id':
        return out({ id: req.id + 1, packets: [], state: 'CLOSED' });
      case 'bad-packet':
        return out({
          id: req.id,
          packets: ['45000028000040004006b6ccc0000202c000020113899c41000000000000006550140000849d0000'],
          state: 'CLOSED',
        });
    }
  }
  const reply = { id: req.id, packets: [], state: 'CLOSED' };
  if (req.op === 'call') reply.result = { ok: false, error: 'connection does not exist' };
  out(reply);
}
