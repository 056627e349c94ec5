/** Messages between the bench and the API server process it forked. */
export type ServerCommand =
  | { cmd: 'organization'; name: string }
  /** Starts a measurement: resets the event-loop histogram and the statement counter. */
  | { cmd: 'mark' }
  /** Measurements since the last mark. */
  | { cmd: 'stats' }
  /** Starts the minimal express+pg primary-key handler (pk-baseline.ts) in the server's process. */
  | { cmd: 'pkBaseline'; organizationId: string }
  | { cmd: 'close' };

export type ServerRequest = ServerCommand & { id: number };

export interface ServerStats {
  statements: number;
  /** Longest event-loop delay since the mark. */
  loopMaxMs: number;
  loopP99Ms: number;
  /** CPU time of the server process since the mark (user + system). */
  cpuMs: number;
  /** Peak resident set size of the server process so far. */
  peakRssMb: number;
}

export interface ServerReply {
  id: number;
  result?: Record<string, unknown>;
  error?: string;
}
