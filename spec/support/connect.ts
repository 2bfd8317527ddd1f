// Scripts that bring the IUT to a given state, for specs that start there.
import { Item, close, open, peerAck, peerFin, peerSyn, peerSynAck, wait } from './scenario';

/** Active open completed: ESTABLISHED, nothing in flight. */
export const activeEstablished = (): Item[] => [open('active'), peerSynAck()];
/** Passive open completed: ESTABLISHED. */
export const passiveEstablished = (): Item[] => [open('passive'), peerSyn(), peerAck()];
/** The IUT closed first and the tester answered with ACK then FIN: TIME-WAIT (the ACK of the FIN may still be owed). */
export const timeWait = (): Item[] => [...activeEstablished(), close(), peerAck(), peerFin(), wait(500)];
