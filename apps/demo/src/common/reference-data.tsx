import { useQuery } from '@apollo/client/react';
import type { PartyRole } from '@serialgraph/domain';
import { REFERENCE_DATA, type Party, type Product, type Warehouse } from '../api/operations';

/** Warehouses, parties and products: the choices of every form. Empty lists while loading. */
export function useReferenceData(): {
  warehouses: Warehouse[];
  products: Product[];
  parties: Party[];
  customers: Party[];
  suppliers: Party[];
  loading: boolean;
} {
  const { data, loading } = useQuery(REFERENCE_DATA, { fetchPolicy: 'cache-first' });
  const parties = data?.parties ?? [];
  const withRole = (role: PartyRole) => parties.filter((p) => p.roles.includes(role));
  return {
    warehouses: data?.warehouses ?? [],
    products: data?.products.edges.map((e) => e.node) ?? [],
    parties,
    customers: withRole('CUSTOMER'),
    suppliers: withRole('SUPPLIER'),
    loading,
  };
}
