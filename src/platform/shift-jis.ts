/**
 * Shift_JIS as Excel on Windows writes and reads it (Windows-31J: JIS X 0208 with the NEC and IBM
 * extensions). Node decodes it but cannot encode it, so the encoding table is the decoder's own,
 * inverted: every byte pair is decoded once and each character remembers its first code. What is
 * written therefore always reads back as the same character (decision 038).
 */

/** What a character Shift_JIS cannot hold becomes in a Shift_JIS file: 〓 (ゲタ), visible in Excel. */
export const shiftJisReplacement = '〓';

/**
 * Characters that Shift_JIS holds under another code point, as Excel on a Mac or a JIS text gives
 * them: the WAVE DASH 〜 is written as the FULLWIDTH TILDE ～ that Windows reads, and so on.
 */
const lookAlikes: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 → ～
  '\u2212': '\uFF0D', // − → －
  '\u2016': '\u2225', // ‖ → ∥
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u2014': '\u2015', // — → ―
  '\u00A5': '\\', // ¥ is the backslash's place in Japanese Shift_JIS fonts
};

let table: Map<string, number> | undefined;

/** character → its two bytes (lead * 256 + trail), built once from the decoder. */
function encodingTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('shift_jis');
  const built = new Map<string, number>();
  const visit = (lead: number) => {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !built.has(ch)) built.set(ch, lead * 256 + trail);
    }
  };
  // NEC's copies of the IBM extensions (lead bytes 0xED, 0xEE) only when the IBM code is missing,
  // as the WHATWG encoder does
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if ((lead > 0x9f && lead < 0xe0) || lead === 0xed || lead === 0xee) continue;
    visit(lead);
  }
  visit(0xed);
  visit(0xee);
  // half-width katakana are single bytes
  for (let byte = 0xa1; byte <= 0xdf; byte++) {
    built.set(decoder.decode(new Uint8Array([byte])), byte);
  }
  table = built;
  return built;
}

/** Whether Shift_JIS holds the character as it is. */
function holds(ch: string): boolean {
  return (ch.codePointAt(0) ?? 0) < 0x80 || encodingTable().has(ch);
}

/** The character Shift_JIS writes for `ch`: itself, its look-alike, or 〓. */
function shiftJisCharOf(ch: string): string {
  if (holds(ch)) return ch;
  const alike = lookAlikes[ch];
  if (alike !== undefined) return alike;
  return shiftJisReplacement;
}

/**
 * The text as it reads back from a Shift_JIS file: look-alikes swapped, and every character that
 * Shift_JIS cannot hold (the 𠮷 of 𠮷野, an emoji) as 〓.
 */
export function asShiftJisReadsIt(text: string): string {
  let out = '';
  for (const ch of text) out += shiftJisCharOf(ch);
  return out;
}

/** How many characters of the text a Shift_JIS file replaces with 〓. */
export function charactersShiftJisLoses(text: string): number {
  let n = 0;
  for (const ch of text) if (shiftJisCharOf(ch) === shiftJisReplacement && ch !== shiftJisReplacement) n++;
  return n;
}

/**
 * Shift_JIS bytes of a text. `replace` (the default) writes 〓 for a character Shift_JIS cannot
 * hold; `refuse` throws instead (for tests that must not lose a character).
 */
export function encodeShiftJis(
  text: string,
  unencodable: 'replace' | 'refuse' = 'replace',
): Uint8Array<ArrayBuffer> {
  const codes = encodingTable();
  const bytes: number[] = [];
  for (const original of text) {
    const ch = unencodable === 'refuse' ? original : shiftJisCharOf(original);
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = codes.get(ch);
    if (pair === undefined) throw new Error(`not in Shift_JIS: ${original}`);
    if (pair < 0x100) bytes.push(pair);
    else bytes.push(pair >> 8, pair & 0xff);
  }
  return new Uint8Array(bytes);
}
