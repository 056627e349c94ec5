/** Per-slot class names a host adds to a widget's inner elements, e.g. `{ item: 'my-row' }`. */
export type ClassNames<Slot extends string> = Partial<Record<Slot, string>>;

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
