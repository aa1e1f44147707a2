import { describeAuditEntries } from '../../platform/audit-text';
import { formatNumber, type Lang, localise, type Text } from '../../platform/i18n';
import type { PropertyDeal, PropertyKind, PropertyStage } from './schema';

export const kindNames: Record<PropertyKind, Text> = {
  shop: { ja: '空き店舗', en: 'Vacant shop' },
  house: { ja: '空き家', en: 'Vacant house' },
  office: { ja: '事務所', en: 'Office' },
  factory: { ja: '工場・倉庫', en: 'Factory or warehouse' },
  land: { ja: '土地', en: 'Land' },
};

export const stageNames: Record<PropertyStage, Text> = {
  open: { ja: '募集中', en: 'Available' },
  negotiating: { ja: '商談中', en: 'Under negotiation' },
  contracted: { ja: '成約', en: 'Contracted' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

export const dealNames: Record<PropertyDeal, Text> = {
  rent: { ja: '賃貸', en: 'For rent' },
  sale: { ja: '売買', en: 'For sale' },
};

/** 「月額 85,000円」 or 「1,200万円」 as a person reads a rent or a price. */
export function priceText(lang: Lang, deal: PropertyDeal, yen: number): string {
  const amount = `${formatNumber(lang, yen)}${lang === 'ja' ? '円' : ' yen'}`;
  if (deal === 'rent') return lang === 'ja' ? `月額 ${amount}` : `${amount} a month`;
  return amount;
}

export const areaText = (lang: Lang, m2: number) => `${formatNumber(lang, m2)} ㎡`;

export const nameOf = (lang: Lang, names: Record<string, Text>, code: string) => {
  const name = names[code];
  return name ? localise(lang, name) : code;
};

/** How the listings read in the audit log. */
export function describePropertyAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'property.create': { ja: '空き物件の掲載申請', en: 'Property listed (awaiting approval)' },
      'property.update': { ja: '空き物件の変更', en: 'Property changed' },
      'property.approve': { ja: '空き物件の承認（公開）', en: 'Property approved (public)' },
      'property.stage': { ja: '空き物件の状況の変更', en: 'Property status changed' },
      'property.confirm': { ja: '空き物件の掲載継続の確認', en: 'Property confirmed as still available' },
      'property.hide': { ja: '確認がない空き物件の非公開', en: 'Unconfirmed property hidden' },
      'property.photo_add': { ja: '空き物件の写真の追加', en: 'Property photo added' },
      'property.photo_remove': { ja: '空き物件の写真の削除', en: 'Property photo removed' },
      'property_inquiry.send': { ja: '空き物件への問い合わせ', en: 'Inquiry about a property' },
    },
    entities: {
      property: { ja: '空き物件', en: 'Property' },
      property_inquiry: { ja: '空き物件への問い合わせ', en: 'Property inquiry' },
    },
    fields: {
      kind: { ja: '物件の種類', en: 'Kind' },
      title: { ja: '物件名', en: 'Title' },
      floorAreaM2: { ja: '面積（㎡）', en: 'Floor area (m²)' },
      deal: { ja: '賃貸・売買', en: 'Rent or sale' },
      priceYen: { ja: '賃料・価格（円）', en: 'Rent or price (yen)' },
      uses: { ja: '使い方', en: 'Uses' },
      condition: { ja: '状態', en: 'Condition' },
      availableFrom: { ja: '入居可能日', en: 'Available from' },
      contactRoute: { ja: '問い合わせ後の流れ', en: 'How inquiries are answered' },
      ownerName: { ja: '所有者名', en: "Owner's name" },
      ownerContact: { ja: '所有者の連絡先', en: "Owner's contact" },
      approval: { ja: '承認', en: 'Approval' },
      stage: { ja: '状況', en: 'Status' },
      contractedOn: { ja: '成約日', en: 'Contracted on' },
      movedInBusinessId: { ja: '入居した事業者', en: 'Business that moved in' },
      startup: { ja: '創業', en: 'Start-up' },
    },
    values: {
      shop: kindNames.shop,
      house: kindNames.house,
      office: kindNames.office,
      factory: kindNames.factory,
      land: kindNames.land,
      open: stageNames.open,
      negotiating: stageNames.negotiating,
      contracted: stageNames.contracted,
      rent: dealNames.rent,
      sale: dealNames.sale,
    },
  });
}
