import { compileSerialFormat, parseNumberTemplate, templateFormatMismatch } from '@serialgraph/domain';
import { badInput } from '../../common/errors';

/**
 * Refuses a product's number template that is malformed, or whose numbers the product's own
 * serialFormat would refuse (sampled over the counter's range): a template is checked when saved,
 * not at the first receipt.
 */
export function checkNumberTemplate(template: string | null, serialFormat: string | null): void {
  if (!template) return;
  const parsed = parseNumberTemplate(template);
  if (!serialFormat) return;
  const mismatch = templateFormatMismatch(parsed, compileSerialFormat(serialFormat));
  if (mismatch)
    throw badInput(
      `numberTemplate ${template} makes numbers such as ${mismatch} that the product's serialFormat refuses; change one of them.`,
      { field: 'numberTemplate', example: mismatch },
    );
}
