import { describe, expect, it } from 'vitest';
import { type ConsultationFact, fiscalYearOfDay, newClientConsultations } from './new-clients';
import { endOfWeek } from './service';

const fact = (id: number, clientId: number, kind: ConsultationFact['kind'], heldOn: string) => ({
  id,
  clientId,
  kind,
  heldOn,
});

describe('fiscal year of a consultation day', () => {
  it('puts 31 March in the year that began the April before, and 1 April in the next', () => {
    expect(fiscalYearOfDay('2026-03-31')).toBe(2025);
    expect(fiscalYearOfDay('2026-04-01')).toBe(2026);
    expect(fiscalYearOfDay('2026-12-31')).toBe(2026);
    expect(fiscalYearOfDay('2027-01-01')).toBe(2026);
  });
});

describe('新規相談者 (new clients)', () => {
  it("counts a person's first consultation of a kind, and none of their later ones", () => {
    const ids = newClientConsultations([
      fact(1, 10, 'startup', '2026-05-01'),
      fact(2, 10, 'startup', '2026-06-01'),
      fact(3, 10, 'startup', '2026-07-01'),
    ]);
    expect([...ids]).toEqual([1]);
  });

  it('does not count again a person who first came in the previous fiscal year (31 March → 1 April)', () => {
    const ids = newClientConsultations([
      fact(1, 10, 'succession', '2026-03-31'),
      fact(2, 10, 'succession', '2026-04-01'),
    ]);
    expect([...ids]).toEqual([1]);
    expect(fiscalYearOfDay('2026-03-31')).toBe(2025);
  });

  it('counts a first consultation of 1 April in the new fiscal year', () => {
    const ids = newClientConsultations([fact(5, 11, 'startup', '2026-04-01')]);
    expect([...ids]).toEqual([5]);
    expect(fiscalYearOfDay('2026-04-01')).toBe(2026);
  });

  it('counts the same person once for each kind they consult about', () => {
    const ids = newClientConsultations([
      fact(1, 10, 'startup', '2026-05-01'),
      fact(2, 10, 'succession', '2026-06-01'),
      fact(3, 10, 'management', '2026-06-02'),
      fact(4, 10, 'succession', '2026-06-03'),
    ]);
    expect([...ids].sort()).toEqual([1, 2, 3]);
  });

  it('counts two people separately even with the same first day', () => {
    const ids = newClientConsultations([
      fact(1, 10, 'startup', '2026-05-01'),
      fact(2, 11, 'startup', '2026-05-01'),
    ]);
    expect([...ids].sort()).toEqual([1, 2]);
  });

  it('takes the earliest day whatever order the consultations were recorded in (a late entry of an earlier one)', () => {
    const ids = newClientConsultations([
      fact(7, 10, 'startup', '2026-06-01'),
      fact(9, 10, 'startup', '2026-04-20'),
    ]);
    expect([...ids]).toEqual([9]);
  });

  it('of two consultations on the same first day, counts the one recorded first', () => {
    const ids = newClientConsultations([
      fact(8, 10, 'startup', '2026-05-01'),
      fact(6, 10, 'startup', '2026-05-01'),
    ]);
    expect([...ids]).toEqual([6]);
  });

  it('counts nothing when there is nothing', () => {
    expect(newClientConsultations([]).size).toBe(0);
  });
});

describe('the week of follow-ups', () => {
  it('ends on the Sunday of the week (Monday–Sunday)', () => {
    expect(endOfWeek('2026-11-23')).toBe('2026-11-29'); // Monday
    expect(endOfWeek('2026-11-26')).toBe('2026-11-29'); // Thursday
    expect(endOfWeek('2026-11-29')).toBe('2026-11-29'); // Sunday
    expect(endOfWeek('2026-12-28')).toBe('2027-01-03'); // across the year
  });
});
