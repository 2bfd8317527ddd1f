// lwIP 2.1.3 as Debian ships it (liblwip-dev 2.1.3+dfsg1-2). Every departure of the lwip profile from rfc9293
// was found by `tcpconform check --adapter lwip --profile rfc9293` and is cited to lwIP's source (src/core/); see
// docs/lwip.md for each one's minimal counterexample. File and function names are lwIP's.

/** What the lwip profile's rules and overrides cite. */
export const SRC = 'lwIP 2.1.3';
