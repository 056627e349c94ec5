import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { TrackingMode } from '@serialgraph/domain';
import { CREATE_PRODUCT, UPDATE_PRODUCT, type Product, type ProductInput } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, ScreenHeader } from '../common/fields';
import { presetLabel, PRODUCT_FIELDS, type ProductDraft, type ProductField } from '../common/product-fields';
import { useReferenceData } from '../common/reference-data';
import { ReserveNumbers } from '../common/reserve-numbers';
import { Link, navigate, useLocation } from '../common/router';
import { EmptyRow } from '../common/empty-row';

/** Products: every product with its settings; a click opens its form. */
export function ProductsScreen() {
  const { products, loading } = useReferenceData();
  return (
    <div className="screen">
      <ScreenHeader
        title="Products"
        intro="What you sell: SKU, whether each unit is tracked by its serial number, warranty, serial format or preset, the template that numbers units arriving without a serial, and the barcodes that pick the product when scanned."
        actions={
          <Link to="/products/new" className="button button-primary">
            New product
          </Link>
        }
      />
      <div className="card table-card">
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col">Tracking</th>
                <th scope="col" className="num">
                  Warranty
                </th>
                <th scope="col">Serial format</th>
                <th scope="col">Number template</th>
                <th scope="col">Barcodes</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/products/${p.id}`} className="mono">
                      {p.sku}
                    </Link>
                  </td>
                  <td>{p.name}</td>
                  <td>{p.trackingMode === TrackingMode.SERIAL ? 'Serial numbers' : 'Quantity only'}</td>
                  <td className="num">{p.warrantyMonths == null ? '—' : `${p.warrantyMonths} mo`}</td>
                  <td className="mono">
                    {p.serialPreset ? presetLabel(p.serialPreset) : (p.serialFormat ?? '—')}
                  </td>
                  <td className="mono">{p.numberTemplate ?? '—'}</td>
                  <td className="mono">{p.barcodes.length ? p.barcodes.join(', ') : '—'}</td>
                </tr>
              ))}
              {!loading && products.length === 0 ? <EmptyRow columns={7}>No products yet.</EmptyRow> : null}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/** Create (`id` "new") or edit one product. */
export function ProductScreen({ id }: { id: string }) {
  const { products, loading } = useReferenceData();
  const product = id === 'new' ? null : (products.find((p) => p.id === id) ?? null);
  if (id !== 'new' && !product) {
    return (
      <div className="screen">
        <ScreenHeader title="Product" />
        <p className="muted card">{loading ? 'Loading…' : 'No such product.'}</p>
      </div>
    );
  }
  return <ProductForm key={product?.id ?? 'new'} product={product} />;
}

function ProductForm({ product }: { product: Product | null }) {
  const [draft, setDraft] = useState<ProductDraft>(() =>
    Object.fromEntries(PRODUCT_FIELDS.map((f) => [f.name, f.initial(product)])),
  );
  const { query } = useLocation();
  const [saved, setSaved] = useState(query.get('saved') === '1');
  const options = { refetchQueries: ['DemoReferenceData'], awaitRefetchQueries: true };
  const [create, created] = useMutation(CREATE_PRODUCT, options);
  const [update, updated] = useMutation(UPDATE_PRODUCT, options);
  const problems = PRODUCT_FIELDS.map((f) => f.problem?.(draft[f.name]!, draft)).filter(Boolean);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (problems.length) return;
    const input = Object.assign(
      {},
      ...PRODUCT_FIELDS.filter((f) => !(f.createOnly && product)).map((f) => f.toInput(draft[f.name]!)),
    ) as ProductInput;
    try {
      if (product) {
        await update({ variables: { input: { ...input, id: product.id } } });
        setSaved(true);
      } else {
        const { data } = await create({ variables: { input } });
        if (data) navigate(`/products/${data.createProduct.id}?saved=1`);
      }
    } catch {
      // Shown by RefusalMessage from the mutation's error.
    }
  };

  const busy = created.loading || updated.loading;
  return (
    <div className="screen">
      <ScreenHeader
        title={product ? `${product.sku} · ${product.name}` : 'New product'}
        intro={<Link to="/products">← All products</Link>}
      />
      <form className="card form-grid" aria-label="Product settings" onSubmit={(e) => void submit(e)}>
        {PRODUCT_FIELDS.map((f) => (
          <ProductFieldControl
            key={f.name}
            field={f}
            product={product}
            value={draft[f.name]!}
            draft={draft}
            onChange={(v) => setDraft((d) => ({ ...d, [f.name]: v }))}
          />
        ))}
        <div className="form-actions field-wide">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : product ? 'Save changes' : 'Create product'}
          </button>
        </div>
      </form>
      {problems.map((p) => (
        <div key={p} className="refusal" role="alert" data-code="FORM">
          <strong className="refusal-title">Check the form</strong>
          <span className="refusal-message">{p}</span>
        </div>
      ))}
      <RefusalMessage refusal={toRefusal(product ? updated.error : created.error)} />
      {saved && product ? (
        <div className="notice notice-success" role="status">
          {product.sku} saved.
        </div>
      ) : null}
      {product?.numberTemplate && product.trackingMode === TrackingMode.SERIAL ? (
        <ReserveNumbers product={product} />
      ) : null}
    </div>
  );
}

function ProductFieldControl({
  field,
  product,
  value,
  draft,
  onChange,
}: {
  field: ProductField;
  product: Product | null;
  value: string | boolean;
  draft: ProductDraft;
  onChange: (value: string | boolean) => void;
}) {
  const disabled = field.disabled?.(product) || (field.createOnly && !!product);
  const hint = field.hint?.(product, value, draft) ?? undefined;
  if (field.control === 'switch') {
    return (
      <div className="field">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={value === true}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked)}
          />
          <span>{field.label}</span>
        </label>
        {hint ? <div className="field-hint">{hint}</div> : null}
      </div>
    );
  }
  const common = {
    value: String(value),
    disabled,
    required: field.required,
    placeholder: field.placeholder,
  };
  return (
    <Field
      label={field.label}
      hint={hint}
      className={field.control === 'lines' || field.wide ? 'field-wide' : undefined}
    >
      {(id) =>
        field.control === 'select' ? (
          <select
            id={id}
            value={String(value)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
          >
            {field.options?.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : field.control === 'lines' ? (
          <textarea id={id} rows={3} {...common} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            id={id}
            inputMode={field.control === 'number' ? 'numeric' : undefined}
            {...common}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
