// Issue 15, item 3: a counterexample found on the kernel as a packetdrill script. The fixtures are two
// counterexamples this suite found on Linux 6.18 (a duplicate ACK answered with an ACK; the SYN sent again within
// milliseconds of an unacceptable SYN,ACK); the expected lines are worked out by hand from their numbers, in
// packetdrill's convention: our sequence numbers as if our ISN were 0, the kernel's relative to its own ISN.
// (Run by hand with packetdrill built from github.com/google/packetdrill, in a namespace of its own, 15 of 25
// scripts exported from the linux departures stopped at the line after the marker; see the closing notes.)
import * as fs from 'fs';
import * as path from 'path';
import { Counterexample } from '../counterexample';
import { counterexamplePkt, pktFileOf } from './packetdrill';

const fixture = (name: string): Counterexample =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '__fixtures__', `${name}.json`), 'utf8'));

/** The script's event lines (time, then the event), without comments and the header. */
const events = (pkt: string) =>
  pkt
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('//'))
    .map((l) => l.trim().replace(/\s+/, ' '));

describe('a linux counterexample as a packetdrill script', () => {
  test('passive open, handshake, accept; the peer ISN is 0 and the kernel ISN is 0 (ISS 1613275878, IRS 1000)', () => {
    const pkt = counterexamplePkt(fixture('linux-ack-duplicate'))!;
    expect(events(pkt)).toEqual([
      '0.000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '0.000 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '0.000 setsockopt(3, IPPROTO_TCP, TCP_NODELAY, [1], 4) = 0',
      '0.000 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0',
      '0.000 bind(3, ..., ...) = 0',
      '0.000 listen(3, 16) = 0',
      '0.000 < S 0:0(0) win 8192', // SEQ=1000 = IRS
      '0.000 > S. 0:0(0) ack 1 <...>', // SEQ=ISS, ACK=1001
      '0.000 < . 64241:64241(0) ack 1 win 8192', // SEQ=65241 = IRS + 64241, ACK=ISS+1
      '0.000 accept(3, ..., ...) = 4', // ESTABLISHED: the adapter takes the connection and closes the listener
      '0.000 close(3) = 0',
      '0.000 < . 1:1(0) ack 0 win 8192', // the step that diverged: SEQ=1001, ACK=ISS
      // The model expects nothing; the kernel sent an ACK: written as expected, so the script passes meanwhile.
      '0.000 > . 1:1(0) ack 1 <...>',
    ]);
    expect(pkt).toMatch(/^\/\/ The step that diverged: rule ack\.duplicate /m);
    expect(pkt).toMatch(/the script passes: its last expectations are what the kernel sent instead/);
  });

  test('active open, then a wait: what the kernel sent during the wait may come at any time within it', () => {
    const pkt = counterexamplePkt(fixture('linux-syn-again'))!;
    expect(events(pkt).slice(5)).toEqual([
      '0.000 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
      '0.000 > S 0:0(0) <...>', // the kernel's SYN: its ISS is 629522859
      '0.000 < S. 0:0(0) ack 2 win 8192', // ACK=ISS+2: acknowledges more than was sent
      '0.000 > R 2:2(0) <...>', // the reset at SEG.ACK
      '0.000~0.050 > S 0:0(0) <...>', // the 50 ms wait that diverged: the SYN again
      '0.050 `true`',
    ]);
  });

  test('a counterexample without its recorded run gives no script; the file sits beside the counterexample', () => {
    const { trace: _t, ...bare } = fixture('linux-syn-again');
    void _t;
    expect(counterexamplePkt(bare as Counterexample)).toBeNull();
    expect(pktFileOf('counterexamples/linux-rfc9293-seed1-x.json')).toBe('counterexamples/linux-rfc9293-seed1-x.pkt');
  });
});
