import {
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
  type RefObject,
} from 'react';
import type { ClientProp } from '../common/apollo-client';
import type { ClassNames } from '../common/class-names';
import type { SerialgraphMessagesOverride } from '../common/messages';
import { useMessages } from '../common/serialgraph-provider';
import { useFormatters, type Formatters } from '../common/use-formatters';
import { rowPlacement, useVirtualRows, VirtualSizer } from '../common/virtual-rows';
import type { ReceiveRow, RowVerdict, VerdictKind } from './receive-serials-form.rules';
import { announcementText, counterText, verdictText, type ReceiveView } from './receive-serials-form.text';
import {
  useReceiveSerials,
  type ReceiveSerialsState,
  type UseReceiveSerialsOptions,
} from './use-receive-serials';
import { useGridNavigation, type GridNavigation } from './use-grid-navigation';
import * as Part from './receive-serials-form.parts';
import { CameraButton, cameraSettings, type CameraProp } from '../camera-scanner/camera-button';

/** Elements a host can add classes to through `classNames`. */
export type ReceiveSerialsFormSlot =
  'header' | 'entry' | 'input' | 'counter' | 'announcer' | 'grid' | 'row' | 'verdict' | 'actions' | 'message';

/** Props of ReceiveSerialsForm. */
export interface ReceiveSerialsFormProps
  extends
    ClientProp,
    Omit<UseReceiveSerialsOptions, 'client'>,
    Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSubmit'> {
  /** Strings to replace (group `receive`). Default: the provider's messages, else English. */
  messages?: SerialgraphMessagesOverride;
  /** Locale for numbers. Default: the provider's, else the browser's. */
  locale?: string;
  /** Level of the product heading. Default: 2. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  /** Extra classes per inner element. */
  classNames?: ClassNames<ReceiveSerialsFormSlot>;
  /** Camera scanning (continuous): false hides the button. Default: shown where the browser has a camera API. */
  camera?: CameraProp;
}

const NO_CLASS_NAMES: ClassNames<ReceiveSerialsFormSlot> = {};

type View = ReceiveView<ReceiveSerialsFormSlot>;

/**
 * Receives serial-numbered units: scan, type, paste lists or enter ranges; every number gets its
 * own verdict as it arrives (format, repeats, already recorded); rows can be edited or removed;
 * submit posts `receiveStock` (or hands the list to `onSubmit`) and maps refusals onto the rows.
 * Queries through the host's Apollo Client (or `client`).
 */
// Defaults live in the signature so autodocs shows them.
export function ReceiveSerialsForm({
  productId,
  warehouseId,
  supplierId,
  expectedQuantity,
  defaultSerials,
  unitCost,
  reference,
  note,
  onSubmit,
  onReceived,
  checkDelay = 150,
  checkBatchSize = 10_000,
  client,
  messages,
  locale,
  headingLevel = 2,
  classNames = NO_CLASS_NAMES,
  className,
  onProductScanned,
  camera,
  ...rest
}: ReceiveSerialsFormProps) {
  const form = useReceiveSerials({
    ...{ productId, warehouseId, supplierId, expectedQuantity, defaultSerials, unitCost, reference, note },
    ...{ onSubmit, onReceived, checkDelay, checkBatchSize, client, onProductScanned },
  });
  const t = useMessages(messages).receive;
  const format = useFormatters(locale);
  const view = useMemo<View>(
    () => ({ t, format, classNames, serialFormat: form.format }),
    [t, format, classNames, form.format],
  );
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  // Set by the virtualized rows once rendered; the rows scroll a row into view before it is focused.
  const scrollToRowRef = useRef<(index: number) => void>(() => undefined);
  const grid = useGridNavigation({
    rows: form.rows,
    scrollRef: rowsRef,
    scrollToIndex: (index) => scrollToRowRef.current(index),
    firstBadIndex: form.firstBadIndex,
    onEdit: form.edit,
    onRemove: form.remove,
    onEmpty: () => inputRef.current?.focus(),
  });
  const Heading = `h${headingLevel}` as const;
  const submit = async () => {
    if (await form.submit()) inputRef.current?.focus();
    else grid.focusFirstBad();
  };
  return (
    <Part.ReceiveRoot
      role="form"
      aria-labelledby={titleId}
      lang={locale}
      {...rest}
      className={className}
      data-state={form.status}
      data-activity={form.submitting ? 'submitting' : form.checking ? 'checking' : 'idle'}
      data-counter={counterState(form.missing)}
    >
      <Part.ReceiveHeader className={classNames.header}>
        <Heading id={titleId} className="sg-receive-title">
          {form.product ? t.title(form.product.name, form.product.sku) : t.formLabel}
        </Heading>
        {form.format && <Part.ReceiveHint>{t.formatHint(form.format)}</Part.ReceiveHint>}
      </Part.ReceiveHeader>
      <ProductState form={form} view={view} />
      <Entry form={form} view={view} inputRef={inputRef}>
        <ReceiveCamera camera={camera} messages={messages} onRead={form.add} />
      </Entry>
      <Counter form={form} view={view} />
      <Announcer form={form} view={view} />
      {form.rows.length > 0 ? (
        <RowGrid form={form} view={view} grid={grid} rowsRef={rowsRef} scrollToRowRef={scrollToRowRef} />
      ) : (
        <Part.ReceiveMessage className={classNames.message} data-kind="empty">
          {t.empty}
        </Part.ReceiveMessage>
      )}
      {form.refusal && (
        <div role="alert" className="sg-alert sg-receive-alert">
          <Part.ReceiveMessage
            className={classNames.message}
            data-kind="refused"
            data-code={form.refusal.code}
          >
            {t.refused(form.refusal.code, form.refusal.message)}
          </Part.ReceiveMessage>
        </div>
      )}
      <Part.ReceiveActions className={classNames.actions}>
        <button
          type="button"
          className="sg-button sg-receive-submit"
          aria-busy={form.submitting || undefined}
          onClick={() => void submit()}
        >
          {form.submitting ? t.submitting : t.submit(counted(form.counts.accepted, format))}
        </button>
        {form.counts.unchecked > 0 && (
          <button type="button" className="sg-button" onClick={form.retryCheck}>
            {t.checkAgain}
          </button>
        )}
        {form.rows.length > 0 && (
          <button
            type="button"
            className="sg-button"
            onClick={() => {
              form.clear();
              inputRef.current?.focus();
            }}
          >
            {t.clear}
          </button>
        )}
      </Part.ReceiveActions>
    </Part.ReceiveRoot>
  );
}

const counted = (count: number, format: Formatters) => ({ count, formatted: format.number(count) });

function counterState(missing: number | undefined): string {
  if (missing === undefined) return 'none';
  return missing > 0 ? 'short' : missing < 0 ? 'over' : 'complete';
}

function ProductState({ form, view }: { form: ReceiveSerialsState; view: View }) {
  const { t, classNames } = view;
  if (form.status === 'loading') {
    return (
      <Part.ReceiveMessage className={classNames.message} data-kind="loading">
        {t.loadingProduct}
      </Part.ReceiveMessage>
    );
  }
  if (form.status === 'ready') return null;
  return (
    <div role="alert" className="sg-alert sg-receive-alert">
      <Part.ReceiveMessage className={classNames.message} data-kind={form.status}>
        {form.status === 'error' ? t.productError : t.notTracked}
      </Part.ReceiveMessage>
      {form.status === 'error' && (
        <button type="button" className="sg-button" onClick={form.retryProduct}>
          {t.checkAgain}
        </button>
      )}
    </div>
  );
}

/** The camera button: each read goes through `add`, exactly like a typed or wedge scan. */
function ReceiveCamera(props: {
  camera?: CameraProp;
  messages?: SerialgraphMessagesOverride;
  onRead: (code: string) => void;
}) {
  const settings = useMemo(() => cameraSettings(props.camera), [props.camera]);
  return settings && <CameraButton settings={settings} messages={props.messages} onRead={props.onRead} />;
}

interface EntryProps {
  form: ReceiveSerialsState;
  view: View;
  inputRef: RefObject<HTMLInputElement | null>;
  children?: ReactNode;
}

function Entry({ form, view, inputRef, children }: EntryProps) {
  const { t, classNames } = view;
  const id = useId();
  const [draft, setDraft] = useState('');
  const commit = (text: string) => {
    setDraft('');
    form.add(text);
  };
  return (
    <Part.ReceiveEntry className={classNames.entry}>
      <Part.ReceiveLabel htmlFor={id}>{t.inputLabel}</Part.ReceiveLabel>
      <div className="sg-receive-entry-row">
        <Part.ReceiveInput
          ref={inputRef}
          id={id}
          type="text"
          className={classNames.input}
          value={draft}
          placeholder={t.inputPlaceholder}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="enter"
          aria-describedby={`${id}-hint`}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            // A barcode scanner types the number, then Enter.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            commit(event.currentTarget.value);
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text/plain') || event.clipboardData.getData('text');
            // A pasted list is taken at once; a single pasted number waits for Enter like a typed one.
            if (!/[\s,;]/u.test(pasted.trim())) return;
            event.preventDefault();
            const input = event.currentTarget;
            const start = input.selectionStart ?? draft.length;
            const end = input.selectionEnd ?? draft.length;
            commit(draft.slice(0, start) + pasted + draft.slice(end));
          }}
        />
        <button type="button" className="sg-button" onClick={() => commit(draft)}>
          {t.add}
        </button>
        {children}
      </div>
      <Part.ReceiveHint id={`${id}-hint`}>{t.inputHint}</Part.ReceiveHint>
    </Part.ReceiveEntry>
  );
}

function Counter({ form, view }: { form: ReceiveSerialsState; view: View }) {
  const { t, format, classNames } = view;
  const { counts, missing } = form;
  return (
    <Part.ReceiveCounter className={classNames.counter} data-counter={counterState(missing)}>
      <span data-count="accepted">
        {t.counter(
          counted(counts.accepted, format),
          form.expectedQuantity === undefined ? undefined : counted(form.expectedQuantity, format),
        )}
      </span>
      {missing !== undefined && <span data-count="missing">{t.missing(counted(missing, format))}</span>}
      {counts.bad > 0 && <span data-count="bad">{t.toFix(counted(counts.bad, format))}</span>}
    </Part.ReceiveCounter>
  );
}

const toneOf: Record<VerdictKind, string> = {
  ok: 'success',
  checking: 'neutral',
  unchecked: 'warning',
  duplicate: 'danger',
  exists: 'danger',
  invalid: 'danger',
};

function Announcer({ form, view }: { form: ReceiveSerialsState; view: View }) {
  const { announcement, rows, verdicts } = form;
  const text = useMemo(
    () => (announcement ? announcementText(announcement, rows, verdicts, view) : ''),
    [announcement, rows, verdicts, view],
  );
  const counter = counterText(form, view);
  const withCounter = announcement && ['entry', 'removed', 'cleared', 'refused'].includes(announcement.kind);
  return (
    <Part.ReceiveAnnouncer role="status" className={view.classNames.announcer}>
      {announcement && (
        // A new element per announcement: screen readers read a repeated message again.
        <span
          key={announcement.seq}
          className="sg-announcement sg-receive-announcement"
          data-kind={announcement.kind}
        >
          {withCounter ? `${text} ${counter}` : text}
        </span>
      )}
    </Part.ReceiveAnnouncer>
  );
}

interface RowGridProps {
  form: ReceiveSerialsState;
  view: View;
  grid: GridNavigation;
  rowsRef: RefObject<HTMLDivElement | null>;
  scrollToRowRef: RefObject<(index: number) => void>;
}

function RowGrid({ form, view, grid, rowsRef, scrollToRowRef }: RowGridProps) {
  const { t, classNames } = view;
  const { rows, verdicts } = form;
  const hintId = useId();
  const list = useVirtualRows({
    count: rows.length,
    scrollRef: rowsRef,
    getItemKey: (index) => rows[index]!.id,
  });
  useEffect(() => {
    scrollToRowRef.current = list.scrollToIndex;
  });
  const { items } = list;
  const activeRendered = list.isRendered(grid.activeIndex);
  const { setActive, startEdit, commitEdit, cancelEdit, removeRow } = grid;
  return (
    <>
      <Part.ReceiveGrid
        role="grid"
        aria-label={t.listLabel}
        aria-rowcount={rows.length + 1}
        aria-colcount={3}
        aria-describedby={hintId}
        className={classNames.grid}
        onKeyDown={grid.onKeyDown}
      >
        <div role="rowgroup" className="sg-receive-head">
          <div role="row" aria-rowindex={1} className="sg-receive-head-row">
            <span role="columnheader">{t.columnNumber}</span>
            <span role="columnheader">{t.columnVerdict}</span>
            <span role="columnheader">
              <span className="sg-visually-hidden">{t.columnActions}</span>
            </span>
          </div>
        </div>
        <Part.ReceiveRows
          ref={rowsRef}
          role="rowgroup"
          // Scrolled away from the active row, the container itself keeps the grid reachable by Tab.
          tabIndex={activeRendered ? -1 : 0}
          onFocus={(event) => {
            if (event.target === event.currentTarget) list.scrollToIndex(grid.activeIndex);
          }}
        >
          <VirtualSizer totalSize={list.totalSize} className="sg-receive-sizer">
            {items.map((item) => (
              <Row
                key={item.key}
                measureRef={list.measureRef}
                index={item.index}
                start={item.start}
                row={rows[item.index]!}
                verdict={verdicts[item.index]!}
                active={item.index === grid.activeIndex}
                editing={grid.editingId === rows[item.index]!.id}
                view={view}
                onActivate={setActive}
                onStartEdit={startEdit}
                onCommitEdit={commitEdit}
                onCancelEdit={cancelEdit}
                onRemove={removeRow}
              />
            ))}
          </VirtualSizer>
        </Part.ReceiveRows>
      </Part.ReceiveGrid>
      <Part.ReceiveHint id={hintId}>{t.listHint}</Part.ReceiveHint>
    </>
  );
}

interface RowProps {
  measureRef: (element: HTMLDivElement | null) => void;
  index: number;
  start: number;
  row: ReceiveRow;
  verdict: RowVerdict;
  active: boolean;
  editing: boolean;
  view: View;
  onActivate: (index: number) => void;
  onStartEdit: (id: number) => void;
  onCommitEdit: (id: number, text: string) => void;
  onCancelEdit: () => void;
  onRemove: (id: number, index: number) => void;
}

// Memoized: a new verdict re-renders only its row; scrolling only the rows that enter.
const Row = memo(function Row({
  measureRef,
  index,
  start,
  row,
  verdict,
  active,
  editing,
  view,
  onActivate,
  onStartEdit,
  onCommitEdit,
  onCancelEdit,
  onRemove,
}: RowProps) {
  const { t, classNames } = view;
  return (
    <Part.ReceiveRow
      ref={measureRef}
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-verdict={verdict.kind}
      data-problem={verdict.problem}
      data-refused={verdict.refused || undefined}
      data-active={active || undefined}
      className={classNames.row}
      style={rowPlacement(start)}
    >
      <Part.ReceiveCell
        role="gridcell"
        data-cell="number"
        tabIndex={active && !editing ? 0 : -1}
        onFocus={() => onActivate(index)}
      >
        {editing ? (
          <EditField row={row} view={view} onCommit={onCommitEdit} onCancel={onCancelEdit} />
        ) : (
          <span className="sg-receive-number">{row.number}</span>
        )}
      </Part.ReceiveCell>
      <Part.ReceiveCell role="gridcell" data-cell="verdict">
        <Part.ReceiveVerdict
          data-verdict={verdict.kind}
          data-tone={toneOf[verdict.kind]}
          className={classNames.verdict}
        >
          {verdictText(verdict, view)}
        </Part.ReceiveVerdict>
      </Part.ReceiveCell>
      <Part.ReceiveCell role="gridcell" data-cell="actions">
        <button
          type="button"
          tabIndex={-1}
          className="sg-icon-button sg-receive-icon-button"
          aria-label={t.edit(row.number)}
          onClick={() => {
            onActivate(index);
            onStartEdit(row.id);
          }}
        >
          <span aria-hidden="true">✎</span>
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="sg-icon-button sg-receive-icon-button"
          aria-label={t.remove(row.number)}
          onClick={() => onRemove(row.id, index)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </Part.ReceiveCell>
    </Part.ReceiveRow>
  );
});

interface EditFieldProps {
  row: ReceiveRow;
  view: View;
  onCommit: (id: number, text: string) => void;
  onCancel: () => void;
}

function EditField({ row, view, onCommit, onCancel }: EditFieldProps) {
  const [text, setText] = useState(row.number);
  const done = useRef(false);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && text !== row.number) onCommit(row.id, text);
    else onCancel();
  };
  return (
    <input
      className="sg-input sg-receive-edit"
      aria-label={view.t.editLabel(row.number)}
      value={text}
      // Focus moves into the field the moment it opens, as in a spreadsheet.
      autoFocus
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => finish(true)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(true);
        else if (event.key === 'Escape') finish(false);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    />
  );
}
