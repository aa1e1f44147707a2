/**
 * Shift_JIS bytes of a text, as Excel's "CSV (コンマ区切り)" writes it. Node can decode Shift_JIS but
 * not encode it, so the table is built from the decoder itself.
 */
export function encodeShiftJis(text: string): Uint8Array {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`not in Shift_JIS: ${ch}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}
