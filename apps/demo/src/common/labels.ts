import type { DocumentType, SerialStatus } from '@serialgraph/domain';
import { defaultMessages } from '@serialgraph/react/headless';

/** Words a clerk uses for each unit status (the widgets' `defaultMessages.serialStatus`). */
export const statusLabels: Record<SerialStatus, string> = defaultMessages.serialStatus;

/** Words for each document type (the widgets' `defaultMessages.documentType`). */
export const documentTypeLabels: Record<DocumentType, string> = defaultMessages.documentType;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "12 Mar 2026, 14:05" in the browser's locale; empty for null. */
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '');
/** "12 Mar 2026" in the browser's locale; empty for null. */
export const formatDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '');
