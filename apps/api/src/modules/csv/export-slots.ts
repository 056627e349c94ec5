import { DomainError, ErrorCode } from '@serialgraph/domain';

/**
 * How many exports each organization is running in this process. An export holds a pooled
 * connection until its client has read the last row, so without a cap one organization's parallel
 * downloads could hold every connection. A request over the cap is refused at once (429 with
 * Retry-After) rather than queued: a download that waits behind another may wait minutes.
 */
export class ExportSlots {
  private readonly running = new Map<string, number>();

  constructor(private readonly perOrganization: number) {}

  /** Takes a slot for `organizationId`, or refuses with RATE_LIMITED; returns the release function. */
  take(organizationId: string): () => void {
    const now = this.running.get(organizationId) ?? 0;
    if (now >= this.perOrganization)
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `This organization is already running ${now} exports, the most at once (SERIALGRAPH_MAX_EXPORTS_PER_ORGANIZATION); wait for one to finish, then try again.`,
        undefined,
        { maxExports: this.perOrganization },
      );
    this.running.set(organizationId, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(organizationId) ?? 1) - 1;
      if (left > 0) this.running.set(organizationId, left);
      else this.running.delete(organizationId);
    };
  }
}
