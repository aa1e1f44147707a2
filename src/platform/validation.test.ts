import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bilingual, describeProblems, parseQuery } from './validation';

describe('bilingual messages', () => {
  it('keep their own Japanese when two schemas say the same in English', () => {
    const topic = z.string().min(1, bilingual('分野を一覧から選んでください。', 'Choose one from the list.'));
    const area = z.string().min(1, bilingual('地区を一覧から選んでください。', 'Choose one from the list.'));
    expect(describeProblems(topic, '')[0]?.message.ja).toBe(': 分野を一覧から選んでください。');
    expect(describeProblems(area, '')[0]?.message.ja).toBe(': 地区を一覧から選んでください。');
  });
});

describe('a query', () => {
  it('that is wrong is the request’s fault: 400 invalid_query, naming each parameter', () => {
    const schema = z.object({ page: z.coerce.number().int().min(1) });
    const error = (() => {
      try {
        parseQuery(schema, { page: '0' }, { page: { ja: 'ページ', en: 'Page' } });
      } catch (e) {
        return e as { status: number; code: string; details: { field: string }[] };
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('invalid_query');
    expect(error?.details.map((d) => d.field)).toEqual(['page']);
  });
});
