import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  ErrorCode,
  findInvalidSerials,
  normalizeSerial,
  productSerialFormat,
} from '@serialgraph/domain';
import type { LabelUnit } from '@serialgraph/labels';
import { notFound } from '../../common/errors';
import { sql } from '../../common/sql';
import { echo, MAX_LABELS_PER_REQUEST, tooManyLabels, type LabelSource } from './label-request';

interface UnitRow {
  serial: string;
  product_name: string;
  internal_code: string | null;
  received_at: Date | string;
}

/** The unit columns a label prints. */
const UNIT_COLUMNS = `s.number as serial, p.name as product_name, s.internal_code, s.received_at`;

// The raw driver may hand a timestamptz over as text.
const isoDate = (at: Date | string) => new Date(at).toISOString().slice(0, 10);

function toUnit(row: UnitRow): LabelUnit {
  return {
    serial: row.serial,
    productName: row.product_name,
    ...(row.internal_code ? { internalCode: row.internal_code } : {}),
    date: isoDate(row.received_at),
  };
}

/**
 * The units to print, in the order asked (a document's in the order it moved them). Every read runs
 * as the caller's organization (row-level security): another organization's ids are not found.
 */
export async function loadLabelUnits(
  em: EntityManager,
  organizationId: string,
  source: LabelSource,
): Promise<LabelUnit[]> {
  switch (source.kind) {
    case 'document':
      return documentUnits(em, organizationId, source.documentId);
    case 'serials':
      return chosenUnits(em, organizationId, source.serialIds);
    case 'numbers':
      return numberedUnits(em, organizationId, source.productId, source.numbers);
  }
}

async function documentUnits(
  em: EntityManager,
  organizationId: string,
  documentId: string,
): Promise<LabelUnit[]> {
  const [document] = await sql<{ number: string }>(
    em,
    `select number from document where organization_id = ? and id = ?`,
    [organizationId, documentId],
  );
  if (!document) throw notFound('This document');
  // One more than the limit tells "too many" without reading them all.
  const rows = await sql<UnitRow>(
    em,
    `select ${UNIT_COLUMNS}
       from (select serial_id, min(seq) as first_movement from movement
              where organization_id = ? and document_id = ? group by serial_id) m
       join serial s on s.organization_id = ? and s.id = m.serial_id
       join product p on p.organization_id = s.organization_id and p.id = s.product_id
      order by m.first_movement
      limit ?`,
    [organizationId, documentId, organizationId, MAX_LABELS_PER_REQUEST + 1],
  );
  if (rows.length > MAX_LABELS_PER_REQUEST)
    throw tooManyLabels(`more than ${MAX_LABELS_PER_REQUEST} (document ${document.number})`);
  return rows.map(toUnit);
}

async function chosenUnits(
  em: EntityManager,
  organizationId: string,
  serialIds: { given: string; id: string | null }[],
): Promise<LabelUnit[]> {
  const ids = serialIds.flatMap((s) => (s.id ? [s.id] : []));
  const rows = await sql<UnitRow & { id: string }>(
    em,
    `select s.id, ${UNIT_COLUMNS}
       from serial s
       join product p on p.organization_id = s.organization_id and p.id = s.product_id
      where s.organization_id = ? and s.id = any(?::uuid[])`,
    [organizationId, ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = serialIds.filter((s) => !s.id || !byId.has(s.id)).map((s) => echo(s.given));
  if (missing.length > 0)
    throw new DomainError(
      ErrorCode.NOT_FOUND,
      `These serial ids were not found: ${missing.slice(0, 50).join(', ')}${missing.length > 50 ? ` and ${missing.length - 50} more` : ''}`,
      undefined,
      { ids: missing },
    );
  return serialIds.map((s) => toUnit(byId.get(s.id!)!));
}

/** Numbers of a product as given, e.g. just reserved and not yet received: dated today. */
async function numberedUnits(
  em: EntityManager,
  organizationId: string,
  productId: string,
  given: string[],
): Promise<LabelUnit[]> {
  const [product] = await sql<{ name: string; serialFormat: string | null; serialPreset: string | null }>(
    em,
    `select name, serial_format as "serialFormat", serial_preset as "serialPreset"
       from product where organization_id = ? and id = ?`,
    [organizationId, productId],
  );
  if (!product) throw notFound('This product');
  const format = productSerialFormat(product);
  const invalid = findInvalidSerials(given, format);
  if (invalid.length > 0)
    throw new DomainError(ErrorCode.INVALID_SERIAL_FORMAT, undefined, invalid.map(echo));
  const today = isoDate(new Date());
  // The spelling the product records (a MAC-48 preset's upper case with colons), as a receipt would.
  return given.map((number) => ({
    serial: normalizeSerial(number, format),
    productName: product.name,
    date: today,
  }));
}
