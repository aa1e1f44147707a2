import { encodeShiftJis as encode } from '../../src/platform/shift-jis';

/**
 * Shift_JIS bytes of a text, as Excel's "CSV (コンマ区切り)" writes it. A character Shift_JIS cannot
 * hold fails the test instead of becoming 〓, so that a fixture never loses one unseen.
 */
export function encodeShiftJis(text: string): Uint8Array {
  return encode(text, 'refuse');
}
