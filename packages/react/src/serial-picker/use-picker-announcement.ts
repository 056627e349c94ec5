import { useMemo } from 'react';
import type { SerialgraphMessagesOverride } from '../common/messages';
import { useMessages } from '../common/serialgraph-provider';
import { useFormatters } from '../common/use-formatters';
import { pickerLiveText, type PickerLiveText } from './serial-picker.text';
import type { PickerAnnouncement } from './use-picked-serials';

/** Options of usePickerAnnouncement. */
export interface UsePickerAnnouncementOptions {
  /** Strings to replace (group `picker`). Default: the provider's messages, else English. */
  messages?: SerialgraphMessagesOverride;
  /** Locale for numbers. Default: the provider's, else the browser's. */
  locale?: string;
}

/**
 * The screen-reader text of `useSerialPicker().announcement`, the same words SerialPicker's live
 * region says; null before the first announcement. Render it in a `role="status"` element.
 */
export function usePickerAnnouncement(
  announcement: PickerAnnouncement | null,
  { messages, locale }: UsePickerAnnouncementOptions = {},
): PickerLiveText | null {
  const t = useMessages(messages).picker;
  const format = useFormatters(locale);
  return useMemo(() => announcement && pickerLiveText(announcement, t, format), [announcement, t, format]);
}
