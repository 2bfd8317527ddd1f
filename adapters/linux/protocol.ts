// The line protocol between the harness process and the worker that holds the private network namespace.
//
// The worker is a socket factory, not a proxy: it creates file descriptors *inside* the namespace (the TUN
// device, a sock_diag netlink socket, TCP sockets) and the harness copies them into its own process with
// pidfd_getfd(2). Everything per event (writing a packet, reading what the kernel emitted, socket calls,
// looking the state up) is then a direct system call from the harness: no round trip per event. The namespace
// a socket belongs to is fixed when the socket is created, so these calls act inside the namespace.
//
// One JSON request line, one JSON reply line.

export type Request =
  /** Close the worker's copies of fds the harness has taken, then make n fresh TCP sockets. */
  | { op: 'sockets'; n: number; release: number[] }
  /** Close the worker's copies of fds the harness has taken. */
  | { op: 'release'; fds: number[] };

export type Reply = { ok: true; fds?: number[] } | { ok: false; error: string };

/** First line the worker writes once its namespace is set up. */
export type Ready =
  | {
      ready: true;
      pid: number;
      /** The TUN device's fd in the worker (absent in pair mode). */
      tun?: number;
      tunName?: string;
      /** A NETLINK_SOCK_DIAG socket in the namespace (absent when the kernel refuses one). */
      diag?: number;
      /** Sysctls that change TCP behaviour, as the namespace sees them. */
      sysctls: Record<string, string>;
    }
  | { ready: false; error: string };
