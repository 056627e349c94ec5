import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
  type RefObject,
} from 'react';
import { normalizeSerial } from '@serialgraph/domain';
import type { SerialOrderBy, SerialPickerSerialFragment } from '../generated/graphql';
import type { ClientProp } from '../common/apollo-client';
import { useCurrentUnit } from './use-current-unit';
import type { ClassNames } from '../common/class-names';
import type { SerialgraphMessagesOverride } from '../common/messages';
import { useMessages } from '../common/serialgraph-provider';
import { useFormatters, type Formatters } from '../common/use-formatters';
import { rowPlacement, useVirtualRows, VirtualSizer } from '../common/virtual-rows';
import type { SerialPickerMessages, SerialPickerMode } from './serial-picker.messages';
import type { PickedSerial } from './serial-picker.rules';
import type { PickerAnnouncement } from './use-picked-serials';
import { useListboxNavigation } from './use-listbox-navigation';
import { pickerLiveText } from './serial-picker.text';
import { useSerialPicker, type SerialPickerState, type UseSerialPickerOptions } from './use-serial-picker';
import * as Part from './serial-picker.parts';
import { CameraButton, cameraSettings, type CameraProp } from '../camera-scanner/camera-button';

/** Elements a host can add classes to through `classNames`. */
export type SerialPickerSlot =
  | 'toolbar'
  | 'search'
  | 'fifo'
  | 'summary'
  | 'announcer'
  | 'message'
  | 'listbox'
  | 'option'
  | 'badge'
  | 'picked';

/** Props of SerialPicker. */
export interface SerialPickerProps
  extends ClientProp, Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onChange' | 'defaultValue'> {
  /** SHIP, TRANSFER, HOLD, RELEASE and WRITE_OFF list the units of `warehouseId` that operation may move (the domain's status machine: TRANSFER and WRITE_OFF also held ones, RELEASE only held ones); RETURN lists what `shipmentId` sent and has not come back. Default: 'SHIP'. */
  mode?: SerialPickerMode;
  /** The product of the document line. Required except in RETURN mode, where it narrows the list. */
  productId?: string;
  /** The warehouse the units leave from (SHIP, TRANSFER). */
  warehouseId?: string;
  /** The shipment the units come back from (RETURN). */
  shipmentId?: string;
  /** Picked units, controlled. Default: uncontrolled. */
  value?: PickedSerial[];
  /** Initially picked units when uncontrolled. Default: none. */
  defaultValue?: PickedSerial[];
  /** Called with the new selection on every change. */
  onChange?: (value: PickedSerial[]) => void;
  /** The line quantity; further picks are refused and announced. Default: no limit. */
  max?: number;
  /** Order of the list. Default: 'RECEIVED_AT_ASC' (FIFO). */
  orderBy?: SerialOrderBy;
  /** Units per request. Default: 100. */
  pageSize?: number;
  /** Milliseconds from the last keystroke to the server-side search. Default: 250. */
  searchDelay?: number;
  /** Strings to replace (group `picker`). Default: the provider's messages, else English. */
  messages?: SerialgraphMessagesOverride;
  /** Locale for dates and numbers. Default: the provider's, else the browser's. */
  locale?: string;
  /** Time zone for receipt dates. Default: the provider's, else the browser's. */
  timeZone?: string;
  /** Extra classes per inner element. */
  classNames?: ClassNames<SerialPickerSlot>;
  /**
   * A scanned code is another product's barcode: select that product or add a line for it. A
   * serial of `productId` is always the serial, even when it is also a barcode. Default: announced only.
   */
  onProductScanned?: UseSerialPickerOptions['onProductScanned'];
  /** Camera scanning (continuous): false hides the button. Default: shown where the browser has a camera API. */
  camera?: CameraProp;
}

const NO_CLASS_NAMES: ClassNames<SerialPickerSlot> = {};

interface View {
  t: SerialPickerMessages;
  format: Formatters;
  classNames: ClassNames<SerialPickerSlot>;
  mode: SerialPickerMode;
  client: ClientProp['client'];
}

/**
 * Chooses the exact units of a document line: search, scan-to-pick with explained refusals,
 * "pick oldest N" (FIFO), a virtualized multi-select listbox paged from the server, and the
 * picked units. Queries through the host's Apollo Client (or `client`).
 */
// Defaults live in the signature so autodocs shows them.
export function SerialPicker({
  mode = 'SHIP',
  productId,
  warehouseId,
  shipmentId,
  value,
  defaultValue,
  onChange,
  max,
  orderBy = 'RECEIVED_AT_ASC',
  pageSize = 100,
  searchDelay = 250,
  messages,
  locale,
  timeZone,
  classNames = NO_CLASS_NAMES,
  client,
  className,
  onProductScanned,
  camera,
  ...rest
}: SerialPickerProps) {
  const picker = useSerialPicker({
    ...{ mode, productId, warehouseId, shipmentId, value, defaultValue, onChange, max },
    ...{ orderBy, pageSize, searchDelay, client, onProductScanned },
  });
  const t = useMessages(messages).picker;
  const format = useFormatters(locale, timeZone);
  // Stable across renders so memoized rows re-render only when their own unit changes.
  const view = useMemo<View>(
    () => ({ t, format, classNames, mode, client }),
    [t, format, classNames, mode, client],
  );
  const ids = { listbox: useId(), search: useId() };
  const listboxRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const selection = picker.full ? 'full' : picker.value.length > 0 ? 'some' : 'none';
  return (
    <Part.PickerRoot
      lang={locale}
      {...rest}
      className={className}
      data-mode={mode}
      data-state={picker.status}
      data-selection={selection}
      data-activity={activityOf(picker)}
    >
      <Toolbar picker={picker} view={view} ids={ids} listboxRef={listboxRef} searchRef={searchRef}>
        <PickerCamera camera={camera} messages={messages} picker={picker} />
      </Toolbar>
      <Part.PickerSummary className={classNames.summary}>
        <span data-summary="total">
          {view.t.total(picker.totalCount, view.format.number(picker.totalCount))}
        </span>
        <span data-summary="picked" data-selection={selection}>
          {view.t.pickedCount(
            picker.value.length,
            view.format.number(picker.value.length),
            max,
            max === undefined ? undefined : view.format.number(max),
          )}
        </span>
      </Part.PickerSummary>
      <Announcer announcement={picker.announcement} view={view} />
      <ListState picker={picker} view={view} />
      {picker.units.length > 0 && (
        <UnitList
          key={picker.appliedSearch}
          picker={picker}
          view={view}
          id={ids.listbox}
          listboxRef={listboxRef}
        />
      )}
      <PickedUnits picker={picker} view={view} searchRef={searchRef} />
    </Part.PickerRoot>
  );
}

function activityOf(picker: SerialPickerState): string {
  if (picker.scanning) return 'scanning';
  if (picker.pickingOldest) return 'picking-oldest';
  if (picker.searching) return 'searching';
  if (picker.loadingMore) return 'loading-more';
  return 'idle';
}

/** The camera button: each read is picked through `scan`, exactly like a wedge scan and Enter. */
function PickerCamera(props: {
  camera?: CameraProp;
  messages?: SerialgraphMessagesOverride;
  picker: SerialPickerState;
}) {
  const settings = useMemo(() => cameraSettings(props.camera), [props.camera]);
  const { scan } = props.picker;
  const onRead = useCallback((code: string) => void (normalizeSerial(code) && scan(code)), [scan]);
  return settings && <CameraButton settings={settings} messages={props.messages} onRead={onRead} />;
}

interface ToolbarProps {
  picker: SerialPickerState;
  view: View;
  ids: { listbox: string; search: string };
  listboxRef: RefObject<HTMLDivElement | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  children?: ReactNode;
}

function Toolbar({ picker, view, ids, listboxRef, searchRef, children }: ToolbarProps) {
  const { t, classNames } = view;
  const hintId = `${ids.search}-hint`;
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const text = event.currentTarget.value;
      if (!normalizeSerial(text)) return;
      // Scanner workflow: the field empties at once, ready for the next label.
      picker.setSearch('');
      void picker.scan(text);
    } else if (event.key === 'ArrowDown' && listboxRef.current) {
      event.preventDefault();
      listboxRef.current.focus();
    } else if (event.key === 'Escape' && picker.search) {
      event.preventDefault();
      picker.setSearch('');
    }
  };
  return (
    <Part.PickerToolbar className={classNames.toolbar}>
      <div className="sg-field sg-picker-field">
        <Part.PickerLabel htmlFor={ids.search}>{t.searchLabel}</Part.PickerLabel>
        <Part.PickerSearch
          ref={searchRef}
          id={ids.search}
          type="search"
          className={classNames.search}
          value={picker.search}
          placeholder={t.searchPlaceholder}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="done"
          aria-describedby={hintId}
          aria-controls={picker.units.length > 0 ? ids.listbox : undefined}
          onChange={(event) => picker.setSearch(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <Part.PickerHint id={hintId}>{t.searchHint}</Part.PickerHint>
      </div>
      {children}
      <FifoControl picker={picker} view={view} />
    </Part.PickerToolbar>
  );
}

function FifoControl({ picker, view }: { picker: SerialPickerState; view: View }) {
  const { t, classNames } = view;
  const countId = useId();
  const [count, setCount] = useState(() => String(picker.max ?? 1));
  const submit = () => {
    const wanted = Number.parseInt(count, 10);
    void picker.pickOldest(Number.isFinite(wanted) && wanted > 0 ? wanted : 1);
  };
  return (
    <Part.PickerFifo className={classNames.fifo}>
      <Part.PickerLabel htmlFor={countId}>{t.pickCountLabel}</Part.PickerLabel>
      <Part.PickerCountInput
        id={countId}
        type="number"
        inputMode="numeric"
        min={1}
        max={picker.max}
        value={count}
        onChange={(event) => setCount(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          }
        }}
      />
      <button
        type="button"
        className="sg-button"
        aria-busy={picker.pickingOldest || undefined}
        onClick={submit}
      >
        {t.pickOldest}
      </button>
    </Part.PickerFifo>
  );
}

function Announcer({ announcement, view }: { announcement: PickerAnnouncement | null; view: View }) {
  const live = announcement && pickerLiveText(announcement, view.t, view.format);
  return (
    <Part.PickerAnnouncer role="status" className={view.classNames.announcer}>
      {live && (
        // A new element per announcement: screen readers read a repeated message again.
        <span
          key={live.key}
          className="sg-announcement sg-picker-announcement"
          data-kind={live.kind}
          data-tone={live.tone}
        >
          {live.text}
        </span>
      )}
    </Part.PickerAnnouncer>
  );
}

function ListState({ picker, view }: { picker: SerialPickerState; view: View }) {
  const { t, classNames } = view;
  const message =
    picker.status === 'loading'
      ? t.loading
      : picker.status === 'empty'
        ? t.empty(view.mode)
        : picker.status === 'no-match'
          ? t.noMatch(picker.appliedSearch)
          : picker.loadingMore
            ? t.loadingMore
            : null;
  return (
    <>
      <div className="sg-live sg-picker-list-status" aria-live="polite">
        {message && (
          <Part.PickerMessage
            className={classNames.message}
            data-kind={picker.loadingMore ? 'loading-more' : picker.status}
          >
            {message}
          </Part.PickerMessage>
        )}
      </div>
      {picker.status === 'error' && (
        <div role="alert" className="sg-alert sg-picker-alert">
          <Part.PickerMessage className={classNames.message} data-kind="error">
            {t.error}
          </Part.PickerMessage>
          <button type="button" className="sg-button" onClick={picker.retry}>
            {t.retry}
          </button>
        </div>
      )}
    </>
  );
}

/** Start fetching the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 30;

interface UnitListProps {
  picker: SerialPickerState;
  view: View;
  id: string;
  listboxRef: RefObject<HTMLDivElement | null>;
}

function UnitList({ picker, view, id, listboxRef }: UnitListProps) {
  const { units, loadMore, toggle, pickMany } = picker;
  const list = useVirtualRows({ count: units.length, scrollRef: listboxRef });
  const nav = useListboxNavigation({
    count: units.length,
    pageRows: list.pageRows,
    onToggle: (index) => toggle(units[index]!),
    onPickRange: (from, to) => pickMany(units.slice(from, to + 1)),
    onActiveChange: list.scrollToIndex,
    onReachEnd: loadMore,
  });
  const { items } = list;
  const lastRendered = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastRendered >= units.length - PREFETCH_ROWS) loadMore();
  }, [lastRendered, units.length, loadMore]);
  const { setActiveIndex } = nav;
  const onOptionClick = useCallback(
    (index: number) => {
      setActiveIndex(index);
      toggle(units[index]!);
    },
    [setActiveIndex, toggle, units],
  );
  const optionId = (index: number) => `${id}-${index}`;
  const activeRendered = list.isRendered(nav.activeIndex);
  return (
    <Part.PickerListbox
      ref={listboxRef}
      id={id}
      role="listbox"
      tabIndex={0}
      aria-multiselectable="true"
      aria-label={view.t.listLabel(view.mode)}
      aria-activedescendant={activeRendered ? optionId(nav.activeIndex) : undefined}
      aria-busy={picker.searching || undefined}
      className={view.classNames.listbox}
      onKeyDown={nav.onKeyDown}
      onFocus={nav.onFocus}
    >
      <VirtualSizer totalSize={list.totalSize} className="sg-picker-sizer">
        {items.map((item) => (
          <UnitOption
            key={units[item.index]!.id}
            measureRef={list.measureRef}
            id={optionId(item.index)}
            index={item.index}
            start={item.start}
            unit={units[item.index]!}
            picked={picker.isPicked(units[item.index]!.id)}
            active={item.index === nav.activeIndex}
            setSize={picker.totalCount}
            view={view}
            onPick={onOptionClick}
          />
        ))}
      </VirtualSizer>
    </Part.PickerListbox>
  );
}

interface UnitOptionProps {
  /** The virtualizer measures each rendered row (a plain prop: React 18 does not pass `ref`). */
  measureRef: (element: HTMLDivElement | null) => void;
  id: string;
  index: number;
  start: number;
  unit: SerialPickerSerialFragment;
  picked: boolean;
  active: boolean;
  setSize: number;
  view: View;
  onPick: (index: number) => void;
}

// Memoized: scrolling re-renders only the rows that enter, and a pick only the row it changes.
const UnitOption = memo(function UnitOption({
  measureRef,
  id,
  index,
  start,
  unit: listed,
  picked,
  active,
  setSize,
  view,
  onPick,
}: UnitOptionProps) {
  const { t, format, classNames } = view;
  const unit = useCurrentUnit(listed, view.client);
  return (
    <Part.PickerOption
      ref={measureRef}
      id={id}
      role="option"
      aria-selected={picked}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      data-index={index}
      data-picked={picked}
      data-active={active || undefined}
      data-status={unit.status}
      className={classNames.option}
      style={rowPlacement(start)}
      onClick={() => onPick(index)}
    >
      <span className="sg-picker-check" aria-hidden="true" />
      <Part.PickerNumber>{unit.number}</Part.PickerNumber>
      {unit.internalCode && (
        <Part.PickerInternalCode aria-label={t.internalCode(unit.internalCode)}>
          {unit.internalCode}
        </Part.PickerInternalCode>
      )}
      <Part.PickerMeta>{t.received(format.date(unit.receivedAt))}</Part.PickerMeta>
      {unit.repairCount > 0 && (
        <Part.PickerBadge data-badge="repaired" data-tone="info" className={classNames.badge}>
          {t.repaired(unit.repairCount, format.number(unit.repairCount))}
        </Part.PickerBadge>
      )}
      {unit.status === 'ON_HOLD' && (
        <Part.PickerBadge data-badge="on-hold" data-tone="warning" className={classNames.badge}>
          {t.onHold(unit.holdReason)}
        </Part.PickerBadge>
      )}
    </Part.PickerOption>
  );
});

interface PickedUnitsProps {
  picker: SerialPickerState;
  view: View;
  searchRef: RefObject<HTMLInputElement | null>;
}

function PickedUnits({ picker, view, searchRef }: PickedUnitsProps) {
  const { t, classNames } = view;
  const headingId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const remove = (unit: PickedSerial, index: number) => {
    picker.remove(unit);
    // Keep keyboard users in place: focus the next remove button, else the search field.
    setTimeout(() => {
      const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button');
      const next = buttons?.[Math.min(index, buttons.length - 1)];
      (next ?? searchRef.current)?.focus();
    });
  };
  return (
    <Part.PickerPicked role="group" aria-labelledby={headingId} className={classNames.picked}>
      <span id={headingId} className="sg-picker-picked-heading">
        {t.pickedHeading}
      </span>
      {picker.value.length > 0 && (
        <>
          <Part.PickerPickedList ref={listRef}>
            {picker.value.map((unit, index) => (
              <Part.PickerPickedItem key={unit.id}>
                <span className="sg-picker-picked-number">{unit.number}</span>
                <button
                  type="button"
                  className="sg-icon-button sg-picker-remove"
                  aria-label={t.remove(unit.number)}
                  onClick={() => remove(unit, index)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </Part.PickerPickedItem>
            ))}
          </Part.PickerPickedList>
          <button
            type="button"
            className="sg-button"
            onClick={() => {
              picker.clear();
              searchRef.current?.focus();
            }}
          >
            {t.clear}
          </button>
        </>
      )}
    </Part.PickerPicked>
  );
}
