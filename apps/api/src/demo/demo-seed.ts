import { graphql, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../common/context';

type Run = (source: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

const range = (prefix: string, from: number, to: number, width: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(width, '0')}`);

/**
 * The guide's story as real documents, posted through the real schema (every rule applies):
 * 20 terminals from one supplier, 15 shipped to several customers, one back "keeps rebooting",
 * one repaired, one swapped, one still in repair, one written off, a transfer, laptops with a serial
 * format (one returned resalable), cables (untracked) on the same documents, a unit on hold.
 */
export async function seedDemo(schema: GraphQLSchema, context: () => RequestContext): Promise<void> {
  const run: Run = async (source, variableValues) => {
    const result = await graphql({ schema, source, variableValues, contextValue: context() });
    if (result.errors?.length)
      throw new Error(`demo seed failed: ${result.errors.map((e) => e.message).join('; ')}`);
    return result.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const m = await run(`mutation {
    main: createWarehouse(input: { code: "MAIN", name: "Main warehouse" }) { id }
    east: createWarehouse(input: { code: "EAST", name: "East store" }) { id }
    supplier: createParty(input: { name: "Handheld Supply Co", roles: [SUPPLIER] }) { id }
    laptopSupplier: createParty(input: { name: "Northwind Computers", roles: [SUPPLIER] }) { id }
    acme: createParty(input: { name: "Acme Retail", roles: [CUSTOMER], email: "orders@acme-retail.example", phone: "+1 555 0142" }) { id }
    beta: createParty(input: { name: "Beta Shops", roles: [CUSTOMER], email: "purchasing@betashops.example", phone: "+44 20 7946 0018" }) { id }
    corner: createParty(input: { name: "Corner Café", roles: [CUSTOMER], phone: "+33 1 70 36 39 50" }) { id }
    delta: createParty(input: { name: "Delta Logistics", roles: [CUSTOMER, SUPPLIER] }) { id }
    terminal: createProduct(input: { sku: "HT-100", name: "Handheld terminal HT-100", trackingMode: SERIAL,
      serialFormat: "device-\\\\d{5}", warrantyMonths: 24, barcodes: ["4001234567891"] }) { id }
    laptop: createProduct(input: { sku: "LTP-14", name: "Laptop 14\\" Pro", trackingMode: SERIAL,
      serialFormat: "LTP-\\\\d{4}-\\\\d{6}", warrantyMonths: 12 }) { id }
    cable: createProduct(input: { sku: "CBL-USBC", name: "USB-C charging cable", barcodes: ["4001234567914"] }) { id }
  }`);
  const id = (k: string) => m[k].id as string;
  const post = (mutation: string, input: Record<string, unknown>) =>
    run(
      `mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id number } }`,
      { input },
    ).then((d) => d[mutation] as { id: string; number: string });
  const terminals = (from: number, to: number) => range('device-', from, to, 5);
  const line = (product: string, serials: string[], unitCost?: string) => ({
    productId: id(product),
    quantity: serials.length,
    serials,
    unitCost,
  });
  const cables = (quantity: number, unitCost?: string) => ({ productId: id('cable'), quantity, unitCost });

  await post('receiveStock', {
    warehouseId: id('main'),
    supplierId: id('supplier'),
    reference: 'HSC-INV-2026-0412',
    lines: [line('terminal', terminals(101, 120), '129.90'), cables(60, '4.50')],
  });
  await post('receiveStock', {
    warehouseId: id('main'),
    supplierId: id('laptopSupplier'),
    reference: 'NW-88121',
    lines: [line('laptop', range('LTP-2026-', 120, 131, 6), '899.00')],
  });
  const shipAcme = await post('shipStock', {
    warehouseId: id('main'),
    customerId: id('acme'),
    reference: 'SO-1001',
    lines: [line('terminal', terminals(101, 105)), cables(10)],
  });
  await post('shipStock', {
    warehouseId: id('main'),
    customerId: id('beta'),
    reference: 'SO-1002',
    lines: [line('terminal', terminals(106, 110)), cables(5)],
  });
  await post('shipStock', {
    warehouseId: id('main'),
    customerId: id('corner'),
    reference: 'SO-1003',
    lines: [line('terminal', terminals(111, 113))],
  });
  const shipDelta = await post('shipStock', {
    warehouseId: id('main'),
    customerId: id('delta'),
    reference: 'SO-1004',
    lines: [line('terminal', terminals(114, 115)), line('laptop', ['LTP-2026-000120', 'LTP-2026-000121'])],
  });
  // Two weeks later: "This one keeps rebooting."
  await post('returnStock', {
    shipmentId: shipAcme.id,
    serials: ['device-00103'],
    condition: 'DEFECTIVE',
    reason: 'This one keeps rebooting',
  });
  // A repair: in and back out to the same customer.
  const serialId = async (number: string) =>
    (await run(`query($n: String!) { lookupSerial(number: $n) { id } }`, { n: number })).lookupSerial[0]
      .id as string;
  await run(`mutation($i: IntakeRepairInput!) { intakeRepair(input: $i) { id } }`, {
    i: { serialId: await serialId('device-00107'), warehouseId: id('main'), note: 'Cracked screen' },
  });
  await run(`mutation($i: ReleaseRepairInput!) { releaseRepair(input: $i) { id } }`, {
    i: { serialId: await serialId('device-00107'), note: 'Screen replaced' },
  });
  // A swap: the unit stays with us, a unit from stock goes to the customer.
  await run(`mutation($i: IntakeRepairInput!) { intakeRepair(input: $i) { id } }`, {
    i: { serialId: await serialId('device-00112'), warehouseId: id('main'), note: 'Battery swelling' },
  });
  await run(`mutation($i: ReleaseRepairInput!) { releaseRepair(input: $i) { id } }`, {
    i: {
      serialId: await serialId('device-00112'),
      replacementSerialId: await serialId('device-00116'),
      note: 'Swapped under warranty',
    },
  });
  // Still on the bench, so the Repairs screen has a case to release.
  await run(`mutation($i: IntakeRepairInput!) { intakeRepair(input: $i) { id } }`, {
    i: { serialId: await serialId('device-00109'), warehouseId: id('main'), note: 'Display flickers' },
  });
  // A change of mind: the laptop comes back resalable, straight into stock.
  await post('returnStock', {
    shipmentId: shipDelta.id,
    serials: ['LTP-2026-000121'],
    condition: 'RESALABLE',
    reason: 'Ordered one too many',
  });
  await post('writeOffStock', {
    warehouseId: id('main'),
    reason: 'Dropped during unpacking',
    lines: [line('terminal', ['device-00117'])],
  });
  await post('transferStock', {
    fromWarehouseId: id('main'),
    toWarehouseId: id('east'),
    note: 'Stock for the east store',
    lines: [
      line('terminal', terminals(118, 119)),
      line('laptop', ['LTP-2026-000128', 'LTP-2026-000129']),
      cables(15),
    ],
  });
  await post('holdStock', {
    warehouseId: id('main'),
    reason: 'Label unreadable: confirm with supplier',
    lines: [line('laptop', ['LTP-2026-000125'])],
  });
  // Customers check their warranty at /w/demo, without a key.
  await run(`mutation { publishWarrantyLookup(slug: "demo", published: true) { slug } }`);
}
