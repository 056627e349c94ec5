import type { BenchPart } from './harness';
import { fixedCost } from './fixed-cost';
import { indexCosts } from './index-costs';
import { postings } from './postings';
import { reads } from './reads-part';

/** Every part of `pnpm bench`, in the order they run; a new part is one import and one entry. */
export const PARTS: readonly BenchPart[] = [postings, indexCosts, fixedCost, reads];
