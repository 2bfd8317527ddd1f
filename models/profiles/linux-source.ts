// Linux 6.x (the kernel this suite runs on), default sysctls of a fresh network namespace (the linux adapter
// records them: `iut` in the check's JSON). Every departure of the linux profile from rfc9293 was found by
// `tcpconform check --adapter linux --profile rfc9293` and is cited to the kernel's source (net/ipv4/ unless
// said otherwise); docs/linux-departures.md shows each one's minimal counterexample.

/** What the linux profile's rules and overrides cite. */
export const SRC = 'Linux';
