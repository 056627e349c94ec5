import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  defaultMessages,
  mergeMessages,
  type SerialgraphMessages,
  type SerialgraphMessagesOverride,
} from './messages';

interface SerialgraphContextValue {
  messages: SerialgraphMessages;
  locale: string | undefined;
  timeZone: string | undefined;
}

const SerialgraphContext = createContext<SerialgraphContextValue>({
  messages: defaultMessages,
  locale: undefined,
  timeZone: undefined,
});

/** Props of SerialgraphProvider; every one is optional. */
export interface SerialgraphProviderProps {
  /** Strings to replace, merged over the English defaults (and over an outer provider's). */
  messages?: SerialgraphMessagesOverride;
  /** BCP 47 locale for dates and numbers. Default: the outer provider's, else the browser's. */
  locale?: string;
  /** IANA time zone for dates and times. Default: the outer provider's, else the browser's. */
  timeZone?: string;
  children?: ReactNode;
}

/**
 * Optional: shares messages, locale and time zone with every serialgraph widget below it.
 * Widgets work without it (English, browser locale). Providers nest; inner values win.
 */
export function SerialgraphProvider({ messages, locale, timeZone, children }: SerialgraphProviderProps) {
  const outer = useContext(SerialgraphContext);
  const value = useMemo<SerialgraphContextValue>(
    () => ({
      messages: mergeMessages(outer.messages, messages),
      locale: locale ?? outer.locale,
      timeZone: timeZone ?? outer.timeZone,
    }),
    [outer, messages, locale, timeZone],
  );
  return <SerialgraphContext.Provider value={value}>{children}</SerialgraphContext.Provider>;
}

/** The active messages: English defaults, then providers, then the component's `messages` prop. */
export function useMessages(override?: SerialgraphMessagesOverride): SerialgraphMessages {
  const { messages } = useContext(SerialgraphContext);
  return useMemo(() => mergeMessages(messages, override), [messages, override]);
}

/** The active locale and time zone: the component's props, else the provider's, else undefined (browser default). */
export function useLocale(
  locale?: string,
  timeZone?: string,
): { locale: string | undefined; timeZone: string | undefined } {
  const context = useContext(SerialgraphContext);
  return { locale: locale ?? context.locale, timeZone: timeZone ?? context.timeZone };
}
