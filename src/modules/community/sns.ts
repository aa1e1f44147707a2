/**
 * The ready-to-post text of a published article for SNS: title, shop, short version, link and
 * hashtags (the city, the university, the shop, the project), within the 140 characters a post on
 * the shortest network allows, cutting the short version first.
 */
export function snsPostText(input: {
  title: string;
  shopName: string;
  summary: string;
  url: string;
  municipalityName: string;
  universityName: string;
}): string {
  const tags = [input.municipalityName, input.universityName, input.shopName, 'グルメマップ']
    .map(hashtag)
    .filter((t, i, all) => t.length > 1 && all.indexOf(t) === i)
    .join(' ');
  const head = `${input.title}｜${input.shopName}`;
  // links count as 23 characters on the shortest network, whatever their length
  const room = 140 - head.length - 23 - tags.length - 3;
  const summary =
    input.summary.length <= room ? input.summary : `${input.summary.slice(0, Math.max(room - 1, 0))}…`;
  return [head, summary, input.url, tags].filter((line) => line !== '' && line !== '…').join('\n');
}

/** A hashtag of a name: letters and digits only (「和菓子 みやび（架空）」 → #和菓子みやび架空). */
export function hashtag(name: string): string {
  return `#${name.normalize('NFKC').replace(/[^\p{L}\p{N}_]/gu, '')}`;
}
