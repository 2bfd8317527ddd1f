// Simultaneous open and simultaneous close (RFC 793 §3.4 Figure 8, §3.5 Figure 14; RFC 9293 §3.5, §3.6).
import { activeEstablished } from './support/connect';
import { suite } from './support/suite';
import { ACK, FIN, ackSndUna, atRcvNxt, close, open, peerAck, peerSyn, seg, wait } from './support/scenario';

suite('simultaneous', (s) => {
  s.spec(
    'simultaneous open: SYN-SENT → SYN-RECEIVED → ESTABLISHED',
    { rules: ['synSent.syn', 'synReceived.ack'], needs: ['open.active', 'segments', 'rfc:noSimultaneousOpen'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSyn(), peerAck()]);
      expect(p.sent(0)).toEqual([`<SEQ=${p.iss}><CTL=SYN>`]);
      expect(p.state(0)).toBe('SynSent');
      // A SYN without ACK in SYN-SENT: answer SYN,ACK repeating our ISS (RFC 9293 §3.10.7.3).
      expect(p.sent(1)).toEqual([`<SEQ=${p.iss}><ACK=${p.peer(1)}><CTL=SYN,ACK>`]);
      expect(p.state(1)).toBe('SynReceived');
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'simultaneous close: FIN-WAIT-1 → CLOSING → TIME-WAIT',
    { rules: ['fin.finWait1', 'closing.finAcked'], needs: ['open.active', 'close', 'segments', 'rfc:rtoMin'] },
    async ({ play }) => {
      const p = await play([
        ...activeEstablished(),
        close(),
        seg(FIN | ACK, atRcvNxt(), ackSndUna()), // the tester's FIN crossed ours: it does not acknowledge it
        wait(500),
        peerAck(),
      ]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=FIN,ACK>`]);
      expect(p.state(2)).toBe('FinWait1');
      expect(p.state(3)).toBe('Closing');
      expect([...p.sent(3), ...p.sent(4)]).toEqual([`<SEQ=${p.iut(2)}><ACK=${p.peer(2)}><CTL=ACK>`]);
      expect(p.input(5).ack).toBe(p.iut(2));
      expect(p.state(5)).toBe('TimeWait');
      expect(p.rules(5)).toContain('closing.finAcked');
    },
  );

  s.spec(
    'CLOSING: a segment that does not acknowledge our FIN is ignored, and the one that does ends it',
    { rules: ['closing.finUnacked', 'closing.finAcked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([
        ...activeEstablished(),
        close(),
        seg(FIN | ACK, atRcvNxt(), ackSndUna()),
        wait(500),
        seg(ACK, atRcvNxt(), ackSndUna()), // acknowledges only what came before our FIN
        peerAck(),
      ]);
      expect(p.state(3)).toBe('Closing');
      expect(p.sent(5)).toEqual([]);
      expect(p.state(5)).toBe('Closing');
      expect(p.rules(5)).toContain('closing.finUnacked');
      expect(p.state(6)).toBe('TimeWait');
    },
  );

  s.spec(
    'simultaneous close: both sides get TIME-WAIT, here the IUT',
    { rules: ['closing.finAcked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), seg(FIN | ACK, atRcvNxt(), ackSndUna()), peerAck()]);
      expect(p.state(-1)).toBe('TimeWait');
    },
  );
});
