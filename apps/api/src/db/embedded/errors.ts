/** A refusal of the embedded database that tells the operator what to do, in one sentence. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}
