import { describe, expect, it } from 'vitest';
import { asShiftJisReadsIt, charactersShiftJisLoses, encodeShiftJis, shiftJisReplacement } from './shift-jis';

const decode = (bytes: Uint8Array) => new TextDecoder('shift_jis').decode(bytes);

describe('Shift_JIS as Excel writes it', () => {
  it('writes Japanese, the NEC and IBM extensions and half-width katakana so that they read back the same', () => {
    const text = '事業承継セミナー①㈱髙﨑～－ｱｷﾙﾉ,"042-558-1111"\r\n';
    expect(decode(encodeShiftJis(text))).toBe(text);
    expect(charactersShiftJisLoses(text)).toBe(0);
  });

  it('writes the look-alikes a Mac or a JIS text gives as the characters Windows reads', () => {
    expect(decode(encodeShiftJis('10:00〜12:00 −5℃'))).toBe('10:00～12:00 －5℃');
    expect(asShiftJisReadsIt('10:00〜12:00 −5℃')).toBe('10:00～12:00 －5℃');
  });

  it('writes 〓 for what it cannot hold, visibly, and says how many were lost', () => {
    const text = '𠮷野家のパン🍞';
    expect(decode(encodeShiftJis(text))).toBe(`${shiftJisReplacement}野家のパン${shiftJisReplacement}`);
    expect(asShiftJisReadsIt(text)).toBe('〓野家のパン〓');
    expect(charactersShiftJisLoses(text)).toBe(2);
    expect(() => encodeShiftJis(text, 'refuse')).toThrow('not in Shift_JIS: 𠮷');
  });
});
