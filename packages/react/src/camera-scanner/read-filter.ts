/**
 * Continuous scanning sees the same label in many frames: a code is taken once, then ignored until
 * it has been out of sight for `cooldownMs` (each sighting restarts the wait), so a label held in
 * the frame is read once and shown again later is read again (and judged a repeat by the form).
 */
export function createReadFilter(cooldownMs: number) {
  const lastSeen = new Map<string, number>();
  return {
    /** Whether `code`, seen at `now` (ms), is a new read. */
    accept(code: string, now: number): boolean {
      const seen = lastSeen.get(code);
      lastSeen.set(code, now);
      for (const [other, at] of lastSeen) if (now - at > cooldownMs) lastSeen.delete(other);
      return seen === undefined || now - seen > cooldownMs;
    },
  };
}
