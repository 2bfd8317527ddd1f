// The package's entry for code outside it (`require('tcpconform')`): the model, the built-in profiles to
// derive a profile of one's own from (docs/examples/my-profile.js), and the check itself.
export * from '../models';
export { rfc793 } from '../models/profiles/rfc793';
export { rfc9293 } from '../models/profiles/rfc9293';
export { lwip } from '../models/profiles/lwip';
export { linux } from '../models/profiles/linux';
export { runCheck } from './check';
export type { CheckResult } from './check';
