import type { SerialStatus } from '../generated/graphql';
import { cx } from './class-names';
import { useMessages } from './serialgraph-provider';
import type { SerialgraphMessagesOverride } from './messages';

/** Colour family of a badge; the stylesheet maps it to `--sg-color-<tone>` variables. */
export type BadgeTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** Tone of each serial status: available units green, blocked amber, gone red. */
export const serialStatusTone: Record<SerialStatus, BadgeTone> = {
  IN_STOCK: 'success',
  ON_HOLD: 'warning',
  IN_REPAIR: 'info',
  SHIPPED: 'neutral',
  WRITTEN_OFF: 'danger',
};

/** Props of StatusBadge. */
export interface StatusBadgeProps {
  status: SerialStatus;
  className?: string;
  /** Overrides of the status names. Default: the provider's messages. */
  messages?: SerialgraphMessagesOverride;
}

/** A serial status as a badge: `<span class="sg-badge" data-status="ON_HOLD" data-tone="warning">`. */
export function StatusBadge({ status, className, messages }: StatusBadgeProps) {
  const text = useMessages(messages);
  return (
    <span className={cx('sg-badge', className)} data-status={status} data-tone={serialStatusTone[status]}>
      {text.serialStatus[status]}
    </span>
  );
}
