import type { DocumentType, SerialStatus } from '@serialgraph/domain';

/** Words a clerk uses for each unit status. */
export const statusLabels: Record<SerialStatus, string> = {
  IN_STOCK: 'In stock',
  ON_HOLD: 'On hold',
  IN_REPAIR: 'In repair',
  SHIPPED: 'Shipped',
  WRITTEN_OFF: 'Written off',
};

/** Words for each document type. */
export const documentTypeLabels: Record<DocumentType, string> = {
  RECEIPT: 'Receipt',
  SHIPMENT: 'Shipment',
  SALES_RETURN: 'Sales return',
  TRANSFER: 'Transfer',
  WRITE_OFF: 'Write-off',
  HOLD: 'Hold',
  RELEASE: 'Release',
  REPAIR_INTAKE: 'Repair intake',
  REPAIR_RELEASE: 'Repair release',
  SERIAL_CORRECTION: 'Serial correction',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "12 Mar 2026, 14:05" in the browser's locale; empty for null. */
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '');
/** "12 Mar 2026" in the browser's locale; empty for null. */
export const formatDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '');
