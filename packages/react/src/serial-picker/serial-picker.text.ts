import type { BadgeTone } from '../common/status-badge';
import type { Formatters } from '../common/use-formatters';
import type { SerialPickerMessages } from './serial-picker.messages';
import type { PickerAnnouncement } from './use-picked-serials';

/** The text of an announcement in the active language. */
export function announcementText(
  announcement: PickerAnnouncement,
  t: SerialPickerMessages,
  format: Formatters,
): string {
  const a = announcement;
  switch (a.kind) {
    case 'picked':
      return t.picked(a.number);
    case 'removed':
      return t.removed(a.number);
    case 'already-picked':
      return t.alreadyPicked(a.number);
    case 'checking':
      return t.checking(a.number);
    case 'failed':
      return t.failed(a.number);
    case 'cleared':
      return t.cleared;
    case 'nothing-to-pick':
      return t.nothingToPick;
    case 'oldest-failed':
      return t.oldestFailed;
    case 'max-reached':
      return t.maxReached(a.max, format.number(a.max));
    case 'picked-oldest':
      return t.pickedOldest(a.count, format.number(a.count));
    case 'picked-many':
      return t.pickedMany(a.count, format.number(a.count));
    case 'not-found':
      return t.notFound(a.number);
    case 'invalid':
      return t.invalid(a.number);
    case 'other-warehouse':
      return t.otherWarehouse(a.number, a.serial?.warehouse?.name ?? a.serial?.warehouse?.code ?? '');
    case 'shipped':
      return t.shipped(a.number);
    case 'on-hold':
      return t.heldRefused(a.number, a.serial?.holdReason ?? null);
    case 'in-repair':
      return t.inRepair(a.number);
    case 'written-off':
      return t.writtenOff(a.number);
    case 'not-returnable':
      return t.notReturnable(a.number);
    case 'product-scanned':
      return t.productScanned(a.product.sku, a.product.name);
    case 'same-product':
      return t.sameProduct(a.product.sku);
  }
}

const toneOf: Partial<Record<PickerAnnouncement['kind'], BadgeTone>> = {
  picked: 'success',
  'picked-oldest': 'success',
  'picked-many': 'success',
  removed: 'neutral',
  cleared: 'neutral',
  checking: 'neutral',
  'already-picked': 'info',
  'product-scanned': 'success',
  'same-product': 'info',
};

/** Colour family of an announcement: picks green, removals neutral, refusals red. */
export function announcementTone(kind: PickerAnnouncement['kind']): BadgeTone {
  return toneOf[kind] ?? 'danger';
}

/** What a live region shows for the picker's last announcement. */
export interface PickerLiveText {
  /**
   * Changes with every announcement: use it as the `key` of the element inside the live region,
   * so a repeated message is a new element and screen readers read it again.
   */
  key: number;
  kind: PickerAnnouncement['kind'];
  /** Colour family: picks green, removals neutral, refusals red. */
  tone: BadgeTone;
  /** The sentence to read, in the active language. */
  text: string;
}

/** An announcement as its live region shows it: text, tone and a key per announcement. */
export function pickerLiveText(
  announcement: PickerAnnouncement,
  t: SerialPickerMessages,
  format: Formatters,
): PickerLiveText {
  return {
    key: announcement.seq,
    kind: announcement.kind,
    tone: announcementTone(announcement.kind),
    text: announcementText(announcement, t, format),
  };
}
