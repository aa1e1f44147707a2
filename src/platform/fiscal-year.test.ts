import { describe, expect, it } from 'vitest';
import { fiscalYearOf, todayInJapan } from './fiscal-year';

describe('the fiscal year of an instant, in Japan', () => {
  it('starts on 1 April Japan time, whatever the server’s time zone', () => {
    // 2026-04-01 00:30 JST is still 31 March in UTC
    expect(fiscalYearOf(new Date('2026-03-31T15:30:00Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026);
    expect(todayInJapan(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
  });
});
