import { v7 } from 'uuid';

/**
 * A new row id: a UUIDv7, whose leading bits are the time of creation, so the keys of a growing
 * table are inserted at the right edge of its indexes (pages stay hot and few split), where random
 * UUIDs would land on any page of an index larger than memory.
 */
export function newId(): string {
  return v7();
}
