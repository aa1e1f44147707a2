let keys = 0;

/** A vacant shop's listing form, fictional, with a fresh idempotency key unless one is given. */
export const vacantShop = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: `property-test-${++keys}-${Math.random().toString(36).slice(2)}`,
  kind: 'shop',
  title: '秋川駅北口 1階の空き店舗（架空）',
  address: 'あきる野市秋川0-0-10（架空）',
  area: 'akigawa',
  latitude: '35.7290',
  longitude: '139.2850',
  floorAreaM2: '42.5',
  deal: 'rent',
  priceYen: '85,000',
  uses: '飲食可、物販向き',
  condition: '居抜き（厨房設備あり）',
  description: '駅から徒歩3分。',
  availableFrom: '2027-04-01',
  contactRoute: '商店会事務局が内見の日程を調整します',
  ownerName: '所有者 試験（架空）',
  ownerContact: '042-555-0199',
  ...overrides,
});
