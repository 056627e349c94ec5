/**
 * Continuous scanning sees the same label in many frames: a code is taken once, then ignored until
 * the frames read show it missing for longer than `cooldownMs`. So a label held in view is read
 * once, and shown again later is read again (and judged a repeat by the form). Absence counts only
 * in frames actually read: a stalled device (no frames for a while) never reads a label twice.
 */
export function createReadFilter(cooldownMs: number) {
  const lastSeen = new Map<string, number>();
  return {
    /** The codes found in one frame read at `now` (ms); returns those that are new reads, in order. */
    frame(codes: readonly string[], now: number): string[] {
      const fresh: string[] = [];
      for (const code of codes) {
        if (!lastSeen.has(code) && !fresh.includes(code)) fresh.push(code);
        lastSeen.set(code, now);
      }
      for (const [code, seen] of lastSeen)
        if (now - seen > cooldownMs && !codes.includes(code)) lastSeen.delete(code);
      return fresh;
    },
  };
}
