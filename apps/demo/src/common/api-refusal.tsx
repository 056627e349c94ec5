import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { defaultErrorMessages, ErrorCode, normalizeSerial, serialKey } from '@serialgraph/domain';

/** An API refusal in the terms a clerk needs: a short title, the server's plain words, the numbers it names. */
export interface Refusal {
  /** `extensions.code`, or NETWORK when the API was not reached. */
  code: string;
  title: string;
  message: string;
  /** `extensions.serials`: every offending number. Default: none. */
  serials: string[];
  /** `extensions.skus`: products short of untracked stock (INSUFFICIENT_STOCK). Default: none. */
  skus: string[];
}

const titles: Record<string, string> = {
  [ErrorCode.SERIAL_EXISTS]: 'Already recorded',
  [ErrorCode.DUPLICATE_SERIAL]: 'Listed twice',
  [ErrorCode.INVALID_SERIAL_FORMAT]: 'Not a valid serial number',
  [ErrorCode.SERIAL_NOT_FOUND]: 'Unknown serial number',
  [ErrorCode.SERIAL_NOT_AVAILABLE]: 'Not available for this',
  [ErrorCode.NOT_IN_SHIPMENT]: 'Not in this shipment',
  [ErrorCode.SERIALS_REQUIRED]: 'Serial numbers needed',
  [ErrorCode.SERIALS_NOT_ALLOWED]: 'No serial numbers for this product',
  [ErrorCode.SERIAL_COUNT_MISMATCH]: 'Quantity and serials differ',
  [ErrorCode.INSUFFICIENT_STOCK]: 'Not enough in stock',
  [ErrorCode.IDEMPOTENCY_CONFLICT]: 'Already posted differently',
  [ErrorCode.FORBIDDEN]: 'Not allowed',
  [ErrorCode.UNAUTHENTICATED]: 'Not signed in',
  [ErrorCode.NOT_FOUND]: 'Not found',
  [ErrorCode.BAD_USER_INPUT]: 'Check the form',
  [ErrorCode.INVALID_BARCODE]: 'Not a valid barcode',
  [ErrorCode.BARCODE_EXISTS]: 'Barcode already in use',
  [ErrorCode.TOO_MANY_LABELS]: 'Too many labels at once',
  [ErrorCode.INTERNAL_CODE_EXISTS]: 'Internal code already in use',
  [ErrorCode.RESERVATION_EXPIRED]: 'Reservation expired',
  [ErrorCode.WARRANTY_SLUG_TAKEN]: 'Address already taken',
  [ErrorCode.WEBHOOK_URL_REFUSED]: 'Webhook URL refused',
  NETWORK: 'The server did not answer',
};

/** A GraphQL-style error as the API answers it, on /graphql and on /labels alike. */
interface ApiError {
  message?: unknown;
  extensions?: Record<string, unknown> | null;
}

/** The refusal of a list of API errors: the first one's code, every message, every serial and SKU named. */
export function refusalFromErrors(errors: readonly unknown[], fallbackCode = 'BAD_USER_INPUT'): Refusal {
  const list = errors.filter((e): e is ApiError => typeof e === 'object' && e !== null);
  const first = list[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : fallbackCode;
  const named = (key: string) =>
    list.flatMap((e) => {
      const value = e.extensions?.[key];
      return Array.isArray(value) ? (value as string[]) : [];
    });
  const message =
    list
      .map((e) => e.message)
      .filter((m): m is string => typeof m === 'string')
      .join(' ') ||
    (defaultErrorMessages as Record<string, string>)[code] ||
    'Refused.';
  return { code, title: titles[code] ?? 'Refused', message, serials: named('serials'), skus: named('skus') };
}

/** Turns whatever a mutation or query threw into a Refusal (null for no error). */
export function toRefusal(error: unknown): Refusal | null {
  if (!error) return null;
  if (CombinedGraphQLErrors.is(error)) return refusalFromErrors(error.errors);
  if (ServerError.is(error) || ServerParseError.is(error) || error instanceof TypeError) {
    return {
      code: 'NETWORK',
      title: titles.NETWORK!,
      message: 'Check that `pnpm start` is still running, then try again.',
      serials: [],
      skus: [],
    };
  }
  return {
    code: 'ERROR',
    title: 'Something went wrong',
    message: error instanceof Error ? error.message : String(error),
    serials: [],
    skus: [],
  };
}

/** The refusal, in plain words, where it happened. Renders nothing without one. */
export function RefusalMessage({
  refusal,
  className,
}: {
  refusal: Refusal | null | undefined;
  className?: string;
}) {
  if (!refusal) return null;
  return (
    <div className={`refusal ${className ?? ''}`} role="alert" data-code={refusal.code}>
      <strong className="refusal-title">{refusal.title}</strong>
      <span className="refusal-message">{refusal.message}</span>
      <code className="refusal-code">{refusal.code}</code>
    </div>
  );
}

/** True when the refusal names this number (case-insensitively, as the API compares). */
export function namesSerial(refusal: Refusal | null | undefined, number: string): boolean {
  const key = serialKey(normalizeSerial(number));
  return !!refusal?.serials.some((s) => serialKey(normalizeSerial(s)) === key);
}
