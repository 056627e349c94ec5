import type { ClassNames } from '../common/class-names';
import type { Formatters } from '../common/use-formatters';
import type { ReceiveSerialsFormMessages } from './receive-serials-form.messages';
import { isBad, type ReceiveRow, type RowVerdict } from './receive-serials-form.rules';
import type { ReceiveAnnouncement, ReceiveSerialsState } from './use-receive-serials';

/** What the form's pieces need to turn state into words. */
export interface ReceiveView<Slot extends string = string> {
  t: ReceiveSerialsFormMessages;
  format: Formatters;
  classNames: ClassNames<Slot>;
  /** The product's serialFormat, named in bad-format verdicts. */
  serialFormat: string | null;
}

const counted = (count: number, format: Formatters) => ({ count, formatted: format.number(count) });

/** A row's verdict in words: "OK", "Already in the list (row 3).", "Does not match …". */
export function verdictText(verdict: RowVerdict, view: ReceiveView): string {
  const { t, format } = view;
  const base = (() => {
    switch (verdict.kind) {
      case 'ok':
        return t.ok;
      case 'checking':
        return t.checking;
      case 'unchecked':
        return t.unchecked;
      case 'duplicate':
        return t.duplicate(
          verdict.firstIndex === undefined ? undefined : format.number(verdict.firstIndex + 1),
        );
      case 'exists':
        return t.exists;
      case 'invalid':
        return t.invalid(verdict.problem, view.serialFormat);
    }
  })();
  return verdict.refused ? `${base} ${t.refusedNote}` : base;
}

/** The counter as one sentence for the live region: "12 of 20 scanned, 8 still missing, 1 to fix." */
export function counterText(
  form: Pick<ReceiveSerialsState, 'counts' | 'expectedQuantity' | 'missing'>,
  view: ReceiveView,
): string {
  const { t, format } = view;
  const parts = [
    t.counter(
      counted(form.counts.accepted, format),
      form.expectedQuantity === undefined ? undefined : counted(form.expectedQuantity, format),
    ),
  ];
  if (form.missing !== undefined) parts.push(t.missing(counted(form.missing, format)));
  if (form.counts.bad > 0) parts.push(t.toFix(counted(form.counts.bad, format)));
  return `${parts.join(', ')}.`;
}

/** The text of an announcement (without the counter). Linear in the rows for a multi-row entry. */
export function announcementText(
  announcement: ReceiveAnnouncement,
  rows: readonly ReceiveRow[],
  verdicts: readonly RowVerdict[],
  view: ReceiveView,
): string {
  const { t, format } = view;
  const a = announcement;
  switch (a.kind) {
    case 'entry': {
      if (a.ids.length === 1) {
        const index = rows.findIndex((row) => row.id === a.ids[0]);
        if (index < 0) return '';
        return t.announceOne(rows[index]!.number, verdictText(verdicts[index]!, view));
      }
      const ids = new Set(a.ids);
      let ok = 0;
      let bad = 0;
      let checking = 0;
      rows.forEach((row, index) => {
        if (!ids.has(row.id)) return;
        const kind = verdicts[index]!.kind;
        if (kind === 'ok') ok++;
        else if (isBad(kind)) bad++;
        else checking++;
      });
      return t.announceMany(
        counted(a.ids.length, format),
        counted(ok, format),
        counted(bad, format),
        counted(checking, format),
      );
    }
    case 'removed':
      return t.announceRemoved(a.number);
    case 'cleared':
      return t.announceCleared;
    case 'blocked':
      return t.announceBlocked(counted(verdicts.filter((verdict) => isBad(verdict.kind)).length, format));
    case 'nothing':
      return t.announceNothing;
    case 'failed':
      return t.submitFailed;
    case 'received':
      return t.announceReceived(a.document, counted(a.count, format));
    case 'refused':
      return t.announceRefused(counted(a.count, format));
    case 'server-refused':
      return t.refused(a.code, a.message);
    case 'product-scanned':
      return t.announceProductScanned(a.sku, a.name);
    case 'same-product':
      return t.announceSameProduct(a.sku);
    case 'not-a-serial':
      return t.announceNotASerial(a.sku, a.name);
  }
}
