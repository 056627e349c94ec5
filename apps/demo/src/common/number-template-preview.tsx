import {
  formatTemplateNumber,
  isSerialPreset,
  parseNumberTemplate,
  productSerialFormat,
  templateFormatMismatch,
  type NumberTemplate,
  type SerialFormat,
} from '@serialgraph/domain';

/** The numbers a template makes, from its first counter values to its last (today's year). */
export function templateSamples(
  template: NumberTemplate,
  date = new Date(),
): { first: string[]; last: string } {
  const first = [1, 2, 3]
    .filter((seq) => seq <= template.maxSeq)
    .map((seq) => formatTemplateNumber(template, date, seq));
  return { first, last: formatTemplateNumber(template, date, template.maxSeq) };
}

/** The template, or null when empty or malformed (the form names the problem). */
function parsedOrNull(template: string): NumberTemplate | null {
  if (!template) return null;
  try {
    return parseNumberTemplate(template);
  } catch {
    return null;
  }
}

/** The product's format as typed in the form, or null (none, or a pattern that does not compile yet). */
function draftFormat(serialFormat: string, serialPreset: string): SerialFormat | null {
  try {
    return productSerialFormat({
      serialFormat: serialFormat || null,
      serialPreset: isSerialPreset(serialPreset) ? serialPreset : null,
    });
  } catch {
    return null;
  }
}

/**
 * Under the template box, as the clerk types: what the numbers will look like (the domain's own
 * formatter, the one the API uses), and whether the product's preset or format would refuse them.
 * A malformed template shows nothing here: the form names its problem.
 */
export function NumberTemplatePreview({
  template,
  serialFormat,
  serialPreset,
}: {
  template: string;
  serialFormat: string;
  serialPreset: string;
}) {
  const parsed = parsedOrNull(template);
  if (!template)
    return (
      <span>
        Units that arrive without a serial get one from it: <code>{'{SEQ:6}'}</code> a counter (required),{' '}
        <code>{'{YYYY}'}</code> or <code>{'{YY}'}</code> the year, <code>{'{CHECK}'}</code> a check digit.
      </span>
    );
  if (!parsed) return null;
  const { first, last } = templateSamples(parsed);
  const format = draftFormat(serialFormat, serialPreset);
  const refused = format ? templateFormatMismatch(parsed, format) : null;
  return (
    <span aria-live="polite" data-testid="number-template-preview">
      Numbers look like <span className="mono">{first.join(', ')}</span> …{' '}
      <span className="mono">{last}</span> (the counter goes on from the last number made).
      {refused ? (
        <strong className="template-mismatch">
          {' '}
          The {serialPreset ? 'serial preset' : 'serial format'} refuses numbers such as{' '}
          <span className="mono">{refused}</span>: receipts of them would be refused.
        </strong>
      ) : format ? (
        ` They pass the ${serialPreset ? 'serial preset' : 'serial format'}.`
      ) : null}
    </span>
  );
}
