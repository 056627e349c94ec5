import type { SerialStatus } from '@serialgraph/domain';
import { statusLabels } from './labels';

/** A unit's status as a coloured pill (colour from `data-status`). */
export function StatusPill({ status, title }: { status: SerialStatus; title?: string | null }) {
  return (
    <span className="pill" data-status={status} title={title ?? undefined}>
      {statusLabels[status]}
    </span>
  );
}
