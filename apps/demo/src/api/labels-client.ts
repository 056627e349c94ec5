import { refusalFromErrors, type Refusal } from '../common/api-refusal';
import type { DemoConfig } from './demo-client';

/** The barcodes /labels prints, as the API names them. */
export type LabelSymbology = 'code128' | 'datamatrix' | 'qr';
/** One 58 × 40 mm thermal label per page, or an A4 sheet of 3 × 8 labels. */
export type LabelSheet = 'thermal-58x40' | 'a4';

/** Whose labels: a document's units, chosen units, or numbers of a product (e.g. just reserved). */
export type LabelSource =
  { documentId: string } | { serialIds: string[] } | { productId: string; numbers: string[] };

export interface LabelRequest {
  source: LabelSource;
  symbology: LabelSymbology;
  sheet: LabelSheet;
}

/** A refused /labels request, in the same terms as a refused GraphQL operation. */
export class LabelsRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Where /labels is: beside /graphql on the server that serves the app. */
const labelsUrl = (config: DemoConfig) => config.graphqlPath.replace(/graphql\/?$/, 'labels');

/**
 * Fetches the labels as a PDF. POST with the demo's key: a plain link could not send the
 * Authorization header, and a JSON body has room for the longest list of numbers.
 */
export async function fetchLabelsPdf(config: DemoConfig, request: LabelRequest): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(labelsUrl(config), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.apiKey}`,
        'content-type': 'application/json',
        accept: 'application/pdf, application/json',
      },
      body: JSON.stringify({
        ...request.source,
        symbology: request.symbology,
        sheet: request.sheet,
        format: 'pdf',
      }),
    });
  } catch {
    throw new LabelsRefused({
      code: 'NETWORK',
      title: 'The server did not answer',
      message: 'Check that `pnpm start` is still running, then try again.',
      serials: [],
      skus: [],
    });
  }
  if (response.ok) return response.blob();
  // Refusals are GraphQL-style JSON errors naming the code (TOO_MANY_LABELS, NOT_FOUND…).
  const body = (await response.json().catch(() => null)) as { errors?: unknown } | null;
  throw new LabelsRefused(
    refusalFromErrors(Array.isArray(body?.errors) ? body.errors : [], `HTTP ${response.status}`),
  );
}
