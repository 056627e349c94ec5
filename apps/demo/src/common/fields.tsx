import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { Party, Product, Warehouse } from '../api/operations';

/** A labelled form control; `hint` under it. */
export function Field({
  label,
  hint,
  children,
  className,
}: {
  label: string;
  hint?: ReactNode;
  children: (id: string) => ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

type SelectProps<T> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  label: string;
  options: T[];
  value: string;
  onChange: (id: string) => void;
  placeholder?: string;
  hint?: ReactNode;
};

function EntitySelect<T extends { id: string }>({
  label,
  options,
  value,
  onChange,
  placeholder,
  hint,
  describe,
  ...rest
}: SelectProps<T> & { describe: (t: T) => string }) {
  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
          <option value="">{placeholder ?? 'Choose…'}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {describe(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A warehouse `<select>` showing code and name. */
export const WarehouseSelect = (props: SelectProps<Warehouse>) => (
  <EntitySelect {...props} describe={(w) => `${w.code} · ${w.name}`} />
);
/** A customer or supplier `<select>`. */
export const PartySelect = (props: SelectProps<Party>) => (
  <EntitySelect {...props} describe={(p) => p.name} />
);
/** A product `<select>` showing SKU, name and whether it is serial-tracked. */
export const ProductSelect = (props: SelectProps<Product>) => (
  <EntitySelect
    {...props}
    describe={(p) => `${p.sku} · ${p.name}${p.trackingMode === 'SERIAL' ? '' : ' (untracked)'}`}
  />
);

/** A page heading with its one-line purpose. */
export function ScreenHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="screen-header">
      <div>
        <h1>{title}</h1>
        {intro ? <p className="screen-intro">{intro}</p> : null}
      </div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </header>
  );
}

/** A new idempotency key per document: a double-click or retry never posts twice. */
export const newIdempotencyKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
