import { describeAuditEntries } from '../../platform/audit-text';
import type { Text } from '../../platform/i18n';
import type { BodyKind, JoinRequestStatus } from './schema';

export const kindNames: Record<BodyKind, Text> = {
  shotenkai: { ja: '商店会', en: 'Shopping-street association' },
  shokokai: { ja: '商工会', en: 'Chamber of commerce' },
};

export const requestStatusNames: Record<JoinRequestStatus, Text> = {
  pending: { ja: '確認待ち', en: 'Waiting' },
  accepted: { ja: '入会', en: 'Accepted' },
  declined: { ja: 'お断り', en: 'Declined' },
  withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
};

export function describeMembershipAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'member_body.create': { ja: '商店会の登録', en: 'Association added' },
      'member.join': { ja: '会員の入会', en: 'Member joined' },
      'member.leave': { ja: '会員の退会', en: 'Member left' },
      'member.fee': { ja: '会費の納入', en: 'Fee paid' },
      'join_request.create': { ja: '入会の申し込み', en: 'Request to join' },
      'join_request.accept': { ja: '入会の申し込みの承諾', en: 'Request to join accepted' },
      'join_request.decline': { ja: '入会の申し込みのお断り', en: 'Request to join declined' },
      'membership_denominator.enter': {
        ja: '加入率の分母（事業所数）の入力',
        en: 'Businesses in the city entered',
      },
    },
    entities: {
      member_body: { ja: '商店会・商工会', en: 'Association' },
      membership_denominator: { ja: '加入率の分母', en: 'Membership-rate denominator' },
    },
    fields: {
      member: { ja: '会員', en: 'Member' },
      joinedOn: { ja: '入会日', en: 'Joined on' },
      leftOn: { ja: '退会日', en: 'Left on' },
      amountYen: { ja: '会費（円）', en: 'Fee (yen)' },
      paidOn: { ja: '納入日', en: 'Paid on' },
      representative: { ja: '代表者名', en: 'Representative' },
      reason: { ja: '理由', en: 'Reason' },
      source: { ja: '出典', en: 'Source' },
      keeperAccountId: { ja: '名簿を管理するアカウント', en: 'Keeper account' },
    },
  });
}
