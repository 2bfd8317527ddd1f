// TIME-WAIT (RFC 793 §3.5 p.38-39, §3.9 p.73-77; RFC 9293 §3.6, §3.10.7.4, §3.10.8).
import { timeWait } from './support/connect';
import { LINUX_PAIR, suite } from './support/suite';
import { ACK, FIN, ackSndNxt, atRcvNxt, close, receive, seg, send, wait } from './support/scenario';

const retransmittedFin = seg(FIN | ACK, atRcvNxt(-1), ackSndNxt());

suite('time-wait', (s) => {
  s.spec(
    'TIME-WAIT lasts exactly 2MSL, then the TCB is deleted without a segment',
    { rules: ['timeout.timeWait'], needs: ['open.active', 'close', 'segments', 'virtualClock', 'rfc:timeWaitLo'] },
    async ({ play, profile }) => {
      const msl2 = profile.params.timeWaitLo;
      // timeWait() ends with a 500 ms wait after the FIN arrived.
      const p = await play([...timeWait(), wait(msl2 - 500 - 1), wait(1)]);
      expect(p.state(-2)).toBe('TimeWait');
      expect(p.sent(-1)).toEqual([]);
      expect(p.state(-1)).toBe('Closed');
    },
  );

  s.spec(
    'a retransmitted FIN in TIME-WAIT is acknowledged again',
    { rules: ['timeWait.finRetransmitted'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...timeWait(), wait(1000), retransmittedFin]);
      expect(p.input(-1).seq).toBe(p.peer(1));
      expect(p.sent(-1)).toEqual([`<SEQ=${p.iut(2)}><ACK=${p.peer(2)}><CTL=ACK>`]);
      expect(p.state(-1)).toBe('TimeWait');
    },
  );

  s.spec(
    'a retransmitted FIN in TIME-WAIT restarts the 2MSL timer',
    {
      rules: ['timeWait.finRetransmitted', 'timeout.timeWait'],
      needs: ['open.active', 'close', 'segments', 'virtualClock', 'rfc:timeWaitLo'],
    },
    async ({ play, profile }) => {
      const msl2 = profile.params.timeWaitLo;
      const p = await play([...timeWait(), wait(100000), retransmittedFin, wait(msl2 - 1), wait(1)]);
      // Without the restart it would have ended 100 s before this point.
      expect(p.state(-2)).toBe('TimeWait');
      expect(p.state(-1)).toBe('Closed');
    },
  );

  s.spec(
    'in TIME-WAIT, SEND and RECEIVE answer "connection closing" and CLOSE is refused',
    {
      rules: ['send.closing', 'receive.closing', 'close.closing'],
      needs: ['open.active', 'close', 'send', 'receive', 'segments', 'rfc:closedSocketRemembers'],
    },
    async ({ play }) => {
      const p = await play([...timeWait(), send('x'), receive(), close()]);
      expect(p.result(-3)).toEqual({ ok: false, error: 'connection closing' });
      expect(p.result(-2)).toEqual({ ok: false, error: 'connection closing' });
      expect(p.result(-1)).toEqual({ ok: false, error: 'connection closing' });
    },
  );

  s.todo(`a port held by TIME-WAIT cannot be re-bound without SO_REUSEADDR — ${LINUX_PAIR}`);
});
