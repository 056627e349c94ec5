import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  normalizeWarrantySlug,
  WARRANTY_SLUG_MAX_LENGTH,
  WARRANTY_SLUG_MIN_LENGTH,
  warrantySlugProblem,
} from '@serialgraph/domain';
import {
  PUBLISH_WARRANTY_LOOKUP,
  WARRANTY_LOOKUP,
  type WarrantyLookupSettings,
} from '../api/warranty-operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, ScreenHeader } from '../common/fields';

/** Settings: the public warranty page's address and whether it is live. */
export function WarrantyPageScreen() {
  const { data, loading, error } = useQuery(WARRANTY_LOOKUP, { fetchPolicy: 'network-only' });
  return (
    <div className="screen">
      <ScreenHeader
        title="Warranty page"
        intro="A public page where your customers type a serial number and see the product, the warranty end and whether it is still active: nothing else (no customer, price or history). Off until you publish it."
      />
      <RefusalMessage refusal={toRefusal(error)} />
      {data ? (
        <WarrantyPageForm initial={data.warrantyLookup} />
      ) : (
        <p className="muted card">{loading ? 'Loading…' : ''}</p>
      )}
    </div>
  );
}

function WarrantyPageForm({ initial }: { initial: WarrantyLookupSettings }) {
  const [publish, saving] = useMutation(PUBLISH_WARRANTY_LOOKUP);
  const [slug, setSlug] = useState(initial.slug ?? '');
  const [published, setPublished] = useState(initial.published);
  const [saved, setSaved] = useState<WarrantyLookupSettings | null>(null);
  const normalized = normalizeWarrantySlug(slug);
  const problem = slug ? warrantySlugProblem(normalized) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    if (warrantySlugProblem(normalized)) return;
    await publish({ variables: { slug: normalized, published } }).then(
      (result) => setSaved(result.data?.publishWarrantyLookup ?? null),
      () => undefined, // shown from `saving.error`
    );
  };
  const edited = () => setSaved(null);

  return (
    <>
      <form
        className="card form-grid"
        onSubmit={submit}
        aria-busy={saving.loading}
        aria-label="Warranty page settings"
      >
        <Field
          label="Page address"
          hint={
            problem
              ? `The address ${problem}.`
              : `/w/${normalized || '…'}: ${WARRANTY_SLUG_MIN_LENGTH} to ${WARRANTY_SLUG_MAX_LENGTH} lower-case letters, digits and hyphens.`
          }
        >
          {(id) => (
            <input
              id={id}
              className="mono"
              value={slug}
              onChange={(e) => {
                setSlug(e.target.value);
                edited();
              }}
              autoComplete="off"
              spellCheck={false}
              required
              aria-invalid={problem ? true : undefined}
            />
          )}
        </Field>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={published}
            onChange={(e) => {
              setPublished(e.target.checked);
              edited();
            }}
          />
          Published
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving.loading || !!problem}>
            Save
          </button>
        </div>
      </form>
      <RefusalMessage refusal={toRefusal(saving.error)} />
      {saved ? (
        <p className="notice notice-success" role="status">
          {saved.published ? (
            <span>
              Saved. The page is live at <a href={saved.path ?? '#'}>{saved.path}</a>.
            </span>
          ) : (
            <span>Saved. The page is off: {saved.path} finds no warranty for any number.</span>
          )}
        </p>
      ) : null}
    </>
  );
}
