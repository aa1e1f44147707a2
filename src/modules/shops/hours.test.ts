import { describe, expect, it } from 'vitest';
import { type OpeningHours, openingStateAt, periodsOn, periodsText, publicHolidayOn } from './hours';

const at = (isoJapan: string) => new Date(`${isoJapan}+09:00`);
const period = (opens: string, closes: string) => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const o = m(opens);
  const c = m(closes);
  return { opens: o, closes: c > o ? c : c + 1440 };
};

// 2026-11: Sun 1, Tue 3 (文化の日), Wed 4, Mon 23 (勤労感謝の日), Tue 24
const cafe: OpeningHours = {
  // closed on Tuesdays; lunch and dinner on weekdays; until 2 a.m. on Friday and Saturday
  week: [
    [period('10:00', '17:00')],
    [period('11:00', '14:00'), period('17:00', '22:00')],
    [],
    [period('11:00', '14:00'), period('17:00', '22:00')],
    [period('11:00', '14:00'), period('17:00', '22:00')],
    [period('11:00', '14:00'), period('18:00', '02:00')],
    [period('18:00', '02:00')],
  ],
  holiday: [period('10:00', '16:00')],
  holidayRule: 'usual',
};

describe('a shop open now (Japan time)', () => {
  it('is open inside a period and closed between lunch and dinner', () => {
    expect(openingStateAt(cafe, at('2026-11-02T12:00:00')).open).toBe(true);
    const between = openingStateAt(cafe, at('2026-11-02T15:00:00'));
    expect(between.open).toBe(false);
    expect(between.opensAt).toEqual({ date: '2026-11-02', minute: 17 * 60 });
  });

  it('opens at the opening minute and is closed at the closing minute', () => {
    expect(openingStateAt(cafe, at('2026-11-02T11:00:00')).open).toBe(true);
    expect(openingStateAt(cafe, at('2026-11-02T13:59:00')).open).toBe(true);
    expect(openingStateAt(cafe, at('2026-11-02T14:00:00')).open).toBe(false);
  });

  it('reads the instant in Japan whatever the server: 03:00 UTC is noon in Japan', () => {
    expect(openingStateAt(cafe, new Date('2026-11-02T03:00:00Z')).open).toBe(true);
  });

  it('stays open past midnight on the day the period opened, and says when it closes', () => {
    // Friday 6 Nov 18:00 – Saturday 02:00
    const late = openingStateAt(cafe, at('2026-11-07T01:30:00'));
    expect(late.open).toBe(true);
    expect(late.closesAt).toEqual({ date: '2026-11-07', minute: 120 });
    const evening = openingStateAt(cafe, at('2026-11-06T23:00:00'));
    expect(evening.closesAt).toEqual({ date: '2026-11-07', minute: 120 });
    expect(openingStateAt(cafe, at('2026-11-07T02:00:00')).open).toBe(false);
    // Thursday's dinner ends at 22:00: nothing runs into Friday morning
    expect(openingStateAt(cafe, at('2026-11-06T01:00:00')).open).toBe(false);
  });

  it('is closed on its regular closing day (定休日) and says when it opens next', () => {
    const tuesday = openingStateAt(cafe, at('2026-11-10T12:00:00'));
    expect(tuesday.open).toBe(false);
    expect(tuesday.opensAt).toEqual({ date: '2026-11-11', minute: 11 * 60 });
    expect(periodsOn(cafe, '2026-11-10').kind).toBe('closed-day');
  });

  it('knows Japan’s public holidays from @holiday-jp/holiday_jp, substitute holidays too', () => {
    expect(publicHolidayOn('2026-11-03')).toEqual({ ja: '文化の日', en: 'National Culture Day' });
    expect(publicHolidayOn('2026-11-04')).toBeUndefined();
    // 2026-05-06 is the 振替休日 of 憲法記念日 (a Sunday)
    expect(publicHolidayOn('2026-05-06')).toBeDefined();
  });

  it('on a holiday, as usual: the weekday decides (a Tuesday holiday stays a 定休日)', () => {
    expect(openingStateAt(cafe, at('2026-11-03T12:00:00')).open).toBe(false);
    expect(openingStateAt(cafe, at('2026-11-23T12:00:00')).open).toBe(true);
  });

  it('closed on holidays: closed even on a working weekday, and a late period of the holiday does not run', () => {
    const closedOnHolidays: OpeningHours = { ...cafe, holidayRule: 'closed' };
    expect(openingStateAt(closedOnHolidays, at('2026-11-23T12:00:00')).open).toBe(false);
    expect(periodsOn(closedOnHolidays, '2026-11-23').kind).toBe('holiday-closed');
    // open every evening until 2 a.m.; 2026-11-23 (勤労感謝の日) is a holiday
    expect(publicHolidayOn('2026-11-23')).toBeDefined();
    const lateEveryDay: OpeningHours = {
      ...closedOnHolidays,
      week: cafe.week.map(() => [period('18:00', '02:00')]),
    };
    expect(openingStateAt(lateEveryDay, at('2026-11-22T23:00:00')).open).toBe(true);
    expect(openingStateAt(lateEveryDay, at('2026-11-23T01:00:00')).open).toBe(true);
    expect(openingStateAt(lateEveryDay, at('2026-11-23T23:00:00')).open).toBe(false);
    expect(openingStateAt(lateEveryDay, at('2026-11-24T01:00:00')).open).toBe(false);
  });

  it('holiday hours: a holiday keeps the holiday’s periods, even on the 定休日', () => {
    const holidayHours: OpeningHours = { ...cafe, holidayRule: 'hours' };
    expect(openingStateAt(holidayHours, at('2026-11-03T12:00:00')).open).toBe(true);
    expect(openingStateAt(holidayHours, at('2026-11-03T17:00:00')).open).toBe(false);
    expect(openingStateAt(holidayHours, at('2026-11-23T20:00:00')).open).toBe(false);
    expect(periodsOn(holidayHours, '2026-11-23').kind).toBe('holiday-hours');
  });

  it('open on a holiday that falls on the 定休日, closed the next working day instead', () => {
    const shift: OpeningHours = { ...cafe, holidayRule: 'open-shift' };
    expect(openingStateAt(shift, at('2026-11-03T12:00:00')).open).toBe(true);
    expect(periodsOn(shift, '2026-11-04').kind).toBe('shifted-closed');
    expect(openingStateAt(shift, at('2026-11-04T12:00:00')).open).toBe(false);
    // a holiday on a working day moves nothing
    expect(periodsOn(shift, '2026-11-24').kind).toBe('closed-day');
    expect(periodsOn(shift, '2026-11-25').kind).toBe('open');
  });

  it('a shop closed all week has no next opening', () => {
    const never: OpeningHours = { week: [[], [], [], [], [], [], []], holiday: [], holidayRule: 'usual' };
    expect(openingStateAt(never, at('2026-11-02T12:00:00'))).toEqual({
      open: false,
      closesAt: null,
      opensAt: null,
    });
  });

  it('writes hours as people read them, after midnight as 翌', () => {
    expect(periodsText([period('11:00', '14:00'), period('18:00', '02:00')])).toBe(
      '11:00–14:00、18:00–翌2:00',
    );
    expect(periodsText([period('18:00', '02:00')], 'en')).toBe('18:00–2:00 next day');
  });
});
