import { describe, expect, it } from 'vitest';
import {
  AnswersSchema,
  assessSuccession,
  questionKeys,
  type SelfCheckAnswers,
  selfCheckQuestions,
} from './self-check';

const prepared: SelfCheckAnswers = {
  age: '60s',
  successor: 'decided',
  told: 'yes',
  people: 'started',
  finances: 'started',
  organisation: 'started',
  advice: 'yes',
};

describe('事業承継診断 result', () => {
  it('says an owner whose successor agreed and whose three preparations began is on track', () => {
    expect(assessSuccession(prepared)).toBe('keep-going');
  });

  it('says start now to an owner of 60 or over without a successor who agreed', () => {
    expect(assessSuccession({ ...prepared, successor: 'none', told: 'no-one' })).toBe('start-now');
    expect(assessSuccession({ ...prepared, successor: 'candidate' })).toBe('start-now');
    expect(assessSuccession({ ...prepared, told: 'no' })).toBe('start-now');
  });

  it('says make a plan to a younger owner in the same position', () => {
    expect(assessSuccession({ ...prepared, age: '50s', successor: 'none', told: 'no-one' })).toBe('plan');
  });

  it('says start now to an owner planning to close, whatever the age', () => {
    expect(assessSuccession({ ...prepared, age: 'under-50', successor: 'close-down' })).toBe('start-now');
  });

  it('says make a plan when one preparation has not begun, and start now at 70 or over', () => {
    expect(assessSuccession({ ...prepared, finances: 'not-yet' })).toBe('plan');
    expect(assessSuccession({ ...prepared, age: '70-plus', finances: 'not-yet' })).toBe('start-now');
    expect(assessSuccession({ ...prepared, age: '70-plus' })).toBe('keep-going');
  });
});

describe('事業承継診断 questions', () => {
  it('offers on the page exactly the choices the schema accepts', () => {
    for (const key of questionKeys) {
      const accepted = (AnswersSchema.shape[key] as { options: string[] }).options;
      expect(Object.keys(selfCheckQuestions[key].choices), key).toEqual(accepted);
    }
  });
});
