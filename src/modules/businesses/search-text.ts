/**
 * Japanese text as the directory compares it (decision 019): NFKC (full-width letters and digits and
 * half-width katakana become one form), lower case, and katakana as hiragana, so that 「ワガシ」
 * 「わがし」 and 「ﾜｶﾞｼ」 are the same word and 「ＡＢＣ」 is 「abc」.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The character pairs (bigrams) of folded text, each once: the index the directory narrows a search
 * with. Every word of two characters or more that occurs in a text has all its pairs in the text's
 * set, so 「和菓子」 ({和菓, 菓子}) is found in 「和菓子店」 without a dictionary of words.
 */
export function bigramsOf(folded: string): string[] {
  const grams = new Set<string>();
  for (const chunk of folded.split(' ')) {
    const chars = [...chunk];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...grams];
}

/** The words of a search as typed: folded, split at spaces (全角 too), at most eight, each once. */
export function searchTerms(query: string): string[] {
  return [...new Set(foldForSearch(query).split(' ').filter(Boolean))].slice(0, 8);
}
