import type { Text } from '../../../platform/i18n';

/**
 * What a vendor sells at a マルシェ, as the organisers sort their booths: a fixed list, so that the
 * staff can count and place them; anything else goes into the free note.
 */
export const vendorGoods = {
  produce: { ja: '野菜・果物', en: 'Vegetables and fruit' },
  processed: { ja: '加工食品', en: 'Processed food' },
  'cooked-food': { ja: '飲食（調理販売）', en: 'Food cooked on site' },
  sweets: { ja: '菓子・パン', en: 'Sweets and bread' },
  crafts: { ja: '雑貨・手工芸', en: 'Goods and crafts' },
  workshop: { ja: '体験・ワークショップ', en: 'Workshops' },
  other: { ja: 'その他', en: 'Other' },
} as const satisfies Record<string, Text>;

export type VendorGoodsCode = keyof typeof vendorGoods;
export const vendorGoodsCodes = Object.keys(vendorGoods) as VendorGoodsCode[];

/** Cooking on site needs the food business permit (営業許可) of the 保健所, or a temporary one. */
export const goodsNeedingPermit: readonly VendorGoodsCode[] = ['cooked-food'];

/** 「野菜・果物、菓子・パン」 */
export function goodsNames(lang: 'ja' | 'en', codes: readonly string[]): string {
  return codes
    .map((code) => (code in vendorGoods ? vendorGoods[code as VendorGoodsCode][lang] : code))
    .join(lang === 'ja' ? '、' : ', ');
}
