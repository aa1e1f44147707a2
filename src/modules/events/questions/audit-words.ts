import { describeAuditEntries } from '../../../platform/audit-text';

/** How the questions' and the questionnaire's entries read in the audit log. */
export function describeQuestionAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'event_question.add': { ja: '申込時の質問の追加', en: 'Registration question added' },
      'event_question.remove': { ja: '申込時の質問の削除', en: 'Registration question removed' },
      'event_feedback.submit': { ja: 'アンケートへの回答', en: 'Questionnaire answered' },
    },
    fields: {
      question: { ja: '質問', en: 'Question' },
      required: { ja: '回答必須', en: 'Required' },
      satisfaction: { ja: '満足度', en: 'Satisfaction' },
    },
  });
}
