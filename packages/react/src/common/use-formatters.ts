import { useMemo } from 'react';
import { useLocale } from './serialgraph-provider';

/** Locale-aware formatters built once per locale and time zone. */
export interface Formatters {
  /** Date and time, e.g. "Mar 4, 2025, 2:05 PM" in `en`. */
  dateTime: (iso: string) => string;
  /** Date only, e.g. "Mar 4, 2025" in `en`. */
  date: (iso: string) => string;
  /** Integer or decimal in the locale's digits and grouping. */
  number: (value: number) => string;
  /** The resolved locale, for `lang` attributes. */
  locale: string;
}

/** Intl formatters for the component's `locale`/`timeZone` props, else the provider's, else the browser's. */
export function useFormatters(locale?: string, timeZone?: string): Formatters {
  const active = useLocale(locale, timeZone);
  return useMemo(() => {
    const dateTimeFormat = new Intl.DateTimeFormat(active.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: active.timeZone,
    });
    const dateFormat = new Intl.DateTimeFormat(active.locale, {
      dateStyle: 'medium',
      timeZone: active.timeZone,
    });
    const numberFormat = new Intl.NumberFormat(active.locale);
    return {
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      date: (iso) => dateFormat.format(new Date(iso)),
      number: (value) => numberFormat.format(value),
      locale: dateTimeFormat.resolvedOptions().locale,
    };
  }, [active.locale, active.timeZone]);
}
