import { useId, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type {
  SerialHistoryTimelineMovementFragment,
  SerialHistoryTimelineSerialFragment,
} from '../generated/graphql';
import type { ClientProp } from '../common/apollo-client';
import type { ClassNames } from '../common/class-names';
import type { SerialgraphMessages, SerialgraphMessagesOverride } from '../common/messages';
import { useMessages } from '../common/serialgraph-provider';
import { StatusBadge } from '../common/status-badge';
import { useControllableState } from '../common/use-controllable-state';
import { useFormatters, type Formatters } from '../common/use-formatters';
import { useSerialHistory, type HistoryOrder, type SerialHistory } from './use-serial-history';
import * as Part from './serial-history-timeline.parts';

/** Elements a host can add classes to through `classNames`. */
export type SerialHistoryTimelineSlot =
  'header' | 'title' | 'facts' | 'toolbar' | 'list' | 'item' | 'itemHeading' | 'details' | 'note' | 'message';

/** The document of a movement, as given to `renderDocumentLink`. */
export type TimelineDocument = SerialHistoryTimelineMovementFragment['document'];
/** A related serial (replacement), as given to `renderSerialLink`. */
export interface TimelineSerialRef {
  id: string;
  number: string;
}

/** Props of SerialHistoryTimeline. */
export interface SerialHistoryTimelineProps
  extends ClientProp, Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** Node id of the serial; the timeline fetches it. Ignored when `serial` is given. */
  serialId?: string;
  /** The serial from the host's own query (spread `...SerialHistoryTimelineSerial`); nothing is fetched. */
  serial?: SerialHistoryTimelineSerialFragment | null;
  /** Order of movements, controlled. Default: uncontrolled, starting at `defaultOrder`. */
  order?: HistoryOrder;
  /** Initial order when uncontrolled. Default: 'oldest-first'. */
  defaultOrder?: HistoryOrder;
  /** Called when the user changes the order. */
  onOrderChange?: (order: HistoryOrder) => void;
  /** 'compact' shows the number, status and one line per movement. Default: 'full'. */
  variant?: 'full' | 'compact';
  /** Renders a movement's document number, e.g. as a router link. Default: the number as text. */
  renderDocumentLink?: (document: TimelineDocument) => ReactNode;
  /** Renders a replacement serial, e.g. as a link to its page. Default: the number as text. */
  renderSerialLink?: (serial: TimelineSerialRef) => ReactNode;
  /** Heading level of the serial number; the history heading is one below. Default: 2. */
  headingLevel?: 2 | 3 | 4 | 5;
  /** Strings to replace. Default: the provider's messages, else English. */
  messages?: SerialgraphMessagesOverride;
  /** Locale for dates and numbers. Default: the provider's, else the browser's. */
  locale?: string;
  /** Time zone for dates. Default: the provider's, else the browser's. */
  timeZone?: string;
  /** Extra classes per inner element. */
  classNames?: ClassNames<SerialHistoryTimelineSlot>;
}

interface ViewContext {
  text: SerialgraphMessages;
  format: Formatters;
  classNames: ClassNames<SerialHistoryTimelineSlot>;
  compact: boolean;
  renderDocumentLink: (document: TimelineDocument) => ReactNode;
  renderSerialLink: (serial: TimelineSerialRef) => ReactNode;
}

/**
 * The history of one serial unit: a header (number, product, status, location, warranty,
 * repairs, replacements) and every movement in order. Fetches by `serialId` through the host's
 * Apollo Client, or renders a `serial` fragment the host already has.
 */
// Defaults live in the signature so autodocs shows them.
export function SerialHistoryTimeline({
  serialId,
  serial,
  order: orderProp,
  defaultOrder = 'oldest-first',
  onOrderChange,
  variant = 'full',
  renderDocumentLink = (document) => document.number,
  renderSerialLink = (related) => related.number,
  headingLevel = 2,
  messages,
  locale,
  timeZone,
  classNames = {},
  client,
  className,
  ...rest
}: SerialHistoryTimelineProps) {
  const [order, setOrder] = useControllableState(orderProp, defaultOrder, onOrderChange);
  const history = useSerialHistory({ serialId, serial, order, client });
  const view: ViewContext = {
    text: useMessages(messages),
    format: useFormatters(locale, timeZone),
    classNames,
    compact: variant === 'compact',
    renderDocumentLink,
    renderSerialLink,
  };
  const titleId = useId();
  const hasSerial = history.serial !== null;
  return (
    <Part.TimelineRoot
      aria-labelledby={hasSerial ? titleId : undefined}
      aria-label={hasSerial ? undefined : view.text.timeline.label}
      aria-busy={history.status === 'loading' || undefined}
      lang={locale}
      {...rest}
      className={className}
      data-state={history.status}
      data-variant={variant}
      data-order={order}
    >
      {history.serial && (
        <SerialHeader serial={history.serial} titleId={titleId} level={headingLevel} view={view} />
      )}
      <StatusMessage history={history} view={view} />
      {history.movements.length > 0 && (
        <>
          <HistoryToolbar
            count={history.movements.length}
            order={order}
            onOrder={setOrder}
            level={headingLevel}
            view={view}
          />
          <Part.TimelineList className={classNames.list}>
            {history.movements.map((movement) => (
              <MovementItem key={movement.id} movement={movement} view={view} />
            ))}
          </Part.TimelineList>
        </>
      )}
    </Part.TimelineRoot>
  );
}

function StatusMessage({ history, view }: { history: SerialHistory; view: ViewContext }) {
  const { text, classNames } = view;
  // The live region stays mounted so screen readers announce each change of state.
  const message =
    history.status === 'loading'
      ? text.timeline.loading
      : history.status === 'not-found'
        ? text.timeline.notFound
        : history.status === 'empty'
          ? text.timeline.empty
          : null;
  return (
    <>
      <div role="status" className="sg-live sg-timeline-status">
        {message && (
          <Part.TimelineMessage className={classNames.message} data-kind={history.status}>
            {message}
          </Part.TimelineMessage>
        )}
      </div>
      {history.status === 'error' && (
        <div role="alert" className="sg-alert sg-timeline-alert">
          <Part.TimelineMessage className={classNames.message} data-kind="error">
            {text.timeline.error}
          </Part.TimelineMessage>
          <button type="button" className="sg-button" onClick={history.retry}>
            {text.timeline.retry}
          </button>
        </div>
      )}
    </>
  );
}

interface SerialHeaderProps {
  serial: SerialHistoryTimelineSerialFragment;
  titleId: string;
  level: 2 | 3 | 4 | 5;
  view: ViewContext;
}

function SerialHeader({ serial, titleId, level, view }: SerialHeaderProps) {
  const { text, classNames, compact } = view;
  return (
    <Part.TimelineHeader className={classNames.header}>
      <Part.TimelineTitle id={titleId} level={level} className={classNames.title}>
        {text.timeline.title(serial.number)}
      </Part.TimelineTitle>
      {compact ? <StatusBadge status={serial.status} /> : <SerialFacts serial={serial} view={view} />}
    </Part.TimelineHeader>
  );
}

function SerialFacts({ serial, view }: { serial: SerialHistoryTimelineSerialFragment; view: ViewContext }) {
  const { text, format, classNames } = view;
  const t = text.timeline;
  return (
    <Part.TimelineFacts className={classNames.facts}>
      <Fact name="product" label={t.product}>
        {serial.product.name} <span className="sg-timeline-muted">({serial.product.sku})</span>
      </Fact>
      {serial.internalCode && (
        <Fact name="internal-code" label={t.internalCode}>
          {serial.internalCode}
        </Fact>
      )}
      <Fact name="status" label={t.status}>
        <StatusBadge status={serial.status} />
      </Fact>
      {serial.inStorage ? (
        <Fact name="location" label={t.location}>
          {serial.warehouse?.name ?? t.outOfStorage}
        </Fact>
      ) : serial.customer ? (
        <Fact name="customer" label={t.customer}>
          {t.withCustomer(serial.customer.name)}
        </Fact>
      ) : (
        <Fact name="location" label={t.location}>
          {t.outOfStorage}
        </Fact>
      )}
      {serial.holdReason && (
        <Fact name="hold-reason" label={t.holdReason}>
          {serial.holdReason}
        </Fact>
      )}
      <Fact
        name="warranty"
        label={t.warranty}
        state={serial.warranty ? (serial.warranty.active ? 'active' : 'expired') : 'none'}
      >
        {!serial.warranty
          ? t.noWarranty
          : serial.warranty.active
            ? t.warrantyActiveUntil(format.date(serial.warranty.endsAt))
            : t.warrantyExpiredOn(format.date(serial.warranty.endsAt))}
      </Fact>
      <Fact name="repairs" label={t.repairs}>
        {t.repairCount(serial.repairCount, format.number(serial.repairCount))}
      </Fact>
      {serial.replaces && (
        <Fact name="replaces" label={t.replaces}>
          {view.renderSerialLink(serial.replaces)}
        </Fact>
      )}
      {serial.replacedBy && (
        <Fact name="replaced-by" label={t.replacedBy}>
          {view.renderSerialLink(serial.replacedBy)}
        </Fact>
      )}
    </Part.TimelineFacts>
  );
}

function Fact({
  name,
  label,
  state,
  children,
}: {
  name: string;
  label: string;
  state?: string;
  children: ReactNode;
}) {
  return (
    <Part.TimelineFact data-fact={name} data-state={state}>
      <Part.TimelineFactLabel>{label}</Part.TimelineFactLabel>
      <Part.TimelineFactValue>{children}</Part.TimelineFactValue>
    </Part.TimelineFact>
  );
}

interface HistoryToolbarProps {
  count: number;
  order: HistoryOrder;
  onOrder: (order: HistoryOrder) => void;
  level: 2 | 3 | 4 | 5;
  view: ViewContext;
}

function HistoryToolbar({ count, order, onOrder, level, view }: HistoryToolbarProps) {
  const { text, format, classNames } = view;
  const options: Array<[HistoryOrder, string]> = [
    ['oldest-first', text.timeline.orderOldestFirst],
    ['newest-first', text.timeline.orderNewestFirst],
  ];
  return (
    <Part.TimelineToolbar className={classNames.toolbar}>
      <Part.TimelineTitle level={(level + 1) as 3 | 4 | 5 | 6} className="sg-timeline-subtitle">
        {text.timeline.historyHeading(count, format.number(count))}
      </Part.TimelineTitle>
      <div className="sg-timeline-order">
        {options.map(([value, label]) => (
          <button
            key={value}
            type="button"
            className="sg-button"
            aria-pressed={order === value}
            onClick={() => onOrder(value)}
          >
            {label}
          </button>
        ))}
      </div>
    </Part.TimelineToolbar>
  );
}

function MovementItem({
  movement,
  view,
}: {
  movement: SerialHistoryTimelineMovementFragment;
  view: ViewContext;
}) {
  const { text, format, classNames, compact } = view;
  const t = text.timeline;
  return (
    <Part.TimelineItem className={classNames.item} data-movement-type={movement.type}>
      <Part.TimelineItemHeading className={classNames.itemHeading}>
        <span className="sg-timeline-type">{text.movementType[movement.type]}</span>
        <Part.TimelineTime dateTime={movement.at}>{format.dateTime(movement.at)}</Part.TimelineTime>
      </Part.TimelineItemHeading>
      <Part.TimelineDetails className={classNames.details}>
        <Detail name="document" label={t.document}>
          {view.renderDocumentLink(movement.document)}
        </Detail>
        {!compact && <MovementRoute movement={movement} view={view} />}
        {!compact && movement.party && (
          <Detail name="party" label={t.party}>
            {movement.party.name}
          </Detail>
        )}
        {!compact && <Part.TimelineDetail data-detail="actor">{t.actor(movement.actor)}</Part.TimelineDetail>}
        {movement.previousNumber && (
          <Part.TimelineDetail data-detail="previous-number">
            {t.previousNumber(movement.previousNumber)}
          </Part.TimelineDetail>
        )}
      </Part.TimelineDetails>
      {!compact && movement.note && (
        <Part.TimelineNote className={classNames.note}>
          <span className="sg-visually-hidden">{t.note}: </span>
          {movement.note}
        </Part.TimelineNote>
      )}
    </Part.TimelineItem>
  );
}

function MovementRoute({
  movement,
  view,
}: {
  movement: SerialHistoryTimelineMovementFragment;
  view: ViewContext;
}) {
  const t = view.text.timeline;
  const from = movement.fromWarehouse?.name;
  const to = movement.toWarehouse?.name;
  return (
    <>
      {(from || to) && (
        <Part.TimelineDetail data-detail="route">
          {from && (
            <span>
              <span className="sg-timeline-detail-label">{t.from}</span> {from}
            </span>
          )}
          {from && to && (
            <span className="sg-timeline-arrow" aria-hidden="true">
              →
            </span>
          )}
          {to && (
            <span>
              <span className="sg-timeline-detail-label">{t.to}</span> {to}
            </span>
          )}
        </Part.TimelineDetail>
      )}
      <Part.TimelineDetail data-detail="status-change">
        {movement.fromStatus && <StatusBadge status={movement.fromStatus} />}
        {movement.fromStatus && (
          <span className="sg-timeline-arrow" aria-hidden="true">
            →
          </span>
        )}
        {movement.fromStatus && <span className="sg-visually-hidden">{t.to}</span>}
        <StatusBadge status={movement.toStatus} />
      </Part.TimelineDetail>
    </>
  );
}

function Detail({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <Part.TimelineDetail data-detail={name}>
      <span className="sg-timeline-detail-label">{label}</span> {children}
    </Part.TimelineDetail>
  );
}
