import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useControllableState } from '../common/use-controllable-state';
import type { SerialPickerSerialFragment } from '../generated/graphql';
import type { ScannedProduct } from '../common/scan-resolution';
import type { PickedSerial, ScanRefusal } from './serial-picker.rules';

/**
 * What the picker last did or refused, for its live region. `seq` grows with every
 * announcement so a repeated message is announced again.
 */
export type PickerAnnouncement = { seq: number } & (
  | { kind: 'picked' | 'removed' | 'already-picked' | 'checking' | 'failed'; number: string }
  | { kind: 'cleared' | 'nothing-to-pick' | 'oldest-failed' }
  | { kind: 'max-reached'; max: number }
  | { kind: 'picked-oldest' | 'picked-many'; count: number }
  | { kind: ScanRefusal; number: string; serial: SerialPickerSerialFragment | null }
  | { kind: 'product-scanned' | 'same-product'; number: string; product: ScannedProduct }
);

/** Distributes Omit over the announcement union. */
type AnnouncementInput = PickerAnnouncement extends infer A
  ? A extends unknown
    ? Omit<A, 'seq'>
    : never
  : never;

const EMPTY: PickedSerial[] = [];

/** The selection of SerialPicker: controlled or not, capped by `max`, with announcements. */
export function usePickedSerials(
  valueProp: PickedSerial[] | undefined,
  defaultValue: PickedSerial[] | undefined,
  onChange: ((value: PickedSerial[]) => void) | undefined,
  max: number | undefined,
) {
  const [value, setValue] = useControllableState(valueProp, defaultValue ?? EMPTY, onChange);
  // Scans resolve asynchronously, faster than the parent re-renders: they read and write the
  // latest selection here. Reset after every render so a parent that rejects a change wins.
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  });
  const [announcement, setAnnouncement] = useState<PickerAnnouncement | null>(null);
  const announce = useCallback((next: AnnouncementInput) => {
    setAnnouncement((previous) => ({ ...next, seq: (previous?.seq ?? 0) + 1 }) as PickerAnnouncement);
  }, []);
  const ids = useMemo(() => new Set(value.map((unit) => unit.id)), [value]);

  const commit = useCallback(
    (next: PickedSerial[]) => {
      latest.current = next;
      setValue(next);
    },
    [setValue],
  );

  /** Adds units not yet picked, up to `max`; returns how many were added. */
  const add = useCallback(
    (units: readonly PickedSerial[]): number => {
      const current = latest.current;
      const picked = new Set(current.map((unit) => unit.id));
      const room = max === undefined ? Infinity : Math.max(0, max - current.length);
      const fresh = units.filter((unit) => !picked.has(unit.id)).slice(0, room);
      if (fresh.length > 0) commit([...current, ...fresh.map(({ id, number }) => ({ id, number }))]);
      return fresh.length;
    },
    [commit, max],
  );

  const isFull = useCallback(() => max !== undefined && latest.current.length >= max, [max]);

  const pick = useCallback(
    (unit: PickedSerial) => {
      if (latest.current.some((picked) => picked.id === unit.id)) {
        announce({ kind: 'already-picked', number: unit.number });
      } else if (isFull()) {
        announce({ kind: 'max-reached', max: max! });
      } else {
        add([unit]);
        announce({ kind: 'picked', number: unit.number });
      }
    },
    [add, announce, isFull, max],
  );

  const remove = useCallback(
    (unit: PickedSerial) => {
      commit(latest.current.filter((picked) => picked.id !== unit.id));
      announce({ kind: 'removed', number: unit.number });
    },
    [announce, commit],
  );

  const toggle = useCallback(
    (unit: PickedSerial) =>
      latest.current.some((picked) => picked.id === unit.id) ? remove(unit) : pick(unit),
    [pick, remove],
  );

  /** Picks several units at once (a range): as many as fit, announcing when `max` cut it short. */
  const pickMany = useCallback(
    (units: readonly PickedSerial[]) => {
      const added = add(units);
      const left = units.filter((unit) => !latest.current.some((picked) => picked.id === unit.id));
      if (left.length > 0 && isFull()) announce({ kind: 'max-reached', max: max! });
      else announce({ kind: 'picked-many', count: added });
    },
    [add, announce, isFull, max],
  );

  const clear = useCallback(() => {
    commit(EMPTY);
    announce({ kind: 'cleared' });
  }, [announce, commit]);

  return { value, ids, latest, announcement, announce, add, pick, remove, toggle, pickMany, clear, isFull };
}
