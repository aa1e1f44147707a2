import { composeMail, englishBelow } from '../../platform/mail/compose';
import { defineMailTemplate } from '../../platform/mail/outbox';

const footer = ['つなぐ\nこのメールは送信専用です。', 'Tsunagu. This address does not receive replies.'].join(
  '\n',
);

/** To the poster: someone starting a business asked about a listing. No content: it is read in Tsunagu. */
export const inquiryMail = defineMailTemplate<{ propertyId: number; title: string }>({
  name: 'properties.inquiry',
  label: { ja: '空き物件への問い合わせのお知らせ', en: 'New inquiry about a property' },
  render(p, context) {
    const link = `${context.baseUrl}/properties/${p.propertyId}/manage#inquiries`;
    return composeMail(`【空き物件】「${p.title}」に問い合わせがありました / New inquiry`, [
      `掲載中の空き物件「${p.title}」に、創業を考えている方から問い合わせがありました。内容と連絡先は、つなぐにログインして次のページで確認してください。\n${link}`,
      englishBelow,
      `Someone starting a business asked about your listing "${p.title}". Log in to Tsunagu to read it:\n${link}`,
      footer,
    ]);
  },
});

/** To the poster: a listing untouched for 60 days; is it still available? Hidden 14 days later without an answer. */
export const confirmAvailabilityMail = defineMailTemplate<{
  propertyId: number;
  title: string;
  hideOn: string;
}>({
  name: 'properties.confirm',
  label: { ja: '空き物件の掲載継続の確認', en: 'Is the property still available?' },
  render(p, context) {
    const link = `${context.baseUrl}/properties/mine`;
    return composeMail(`【空き物件】「${p.title}」はまだ募集中ですか / Still available?`, [
      `掲載中の空き物件「${p.title}」は、60日間変更がありません。まだ募集している場合は、次のページで「まだ募集している」を押してください。成約・取下げの場合は状況を変更してください。\n${link}\n\n${p.hideOn}までに確認がない場合、古い情報にならないよう一覧から非公開にします（確認すると公開に戻ります）。`,
      englishBelow,
      `Your listing "${p.title}" has not changed for 60 days. If it is still available, press "Still available" on this page; if it was let or withdrawn, change its status:\n${link}\n\nWithout an answer by ${p.hideOn} it is hidden from the list, so that nobody reads stale listings (confirming shows it again).`,
      footer,
    ]);
  },
});
