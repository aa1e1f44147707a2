import { raw } from 'hono/html';
import type { Lang } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import { industryName } from '../industries';
import type { ListedBusiness } from '../schema';

export interface Area {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

export interface Organisation {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

export function areaName(lang: Lang, code: string | null, areas: readonly Area[]): string {
  const area = areas.find((a) => a.code === code);
  if (!area) return code ?? '';
  return lang === 'en' && area.nameEn ? area.nameEn : area.name;
}

export function organisationName(lang: Lang, code: string, organisations: readonly Organisation[]): string {
  const o = organisations.find((x) => x.code === code);
  if (!o) return code;
  return lang === 'en' && o.nameEn ? o.nameEn : o.name;
}

/** A business in a list: name, industry, area, tags. */
export function BusinessCard(props: { view: PageView; business: ListedBusiness; areas: readonly Area[] }) {
  const { view, business: b } = props;
  return (
    <li class="card" data-business={b.id}>
      <h3>
        <a href={`/businesses/${b.id}`}>{b.name}</a>
      </h3>
      <p>
        <span class="badge">{industryName(view.lang, b.industryMajor, b.industryMiddle)}</span>{' '}
        {b.area ? <span class="badge badge-area">{areaName(view.lang, b.area, props.areas)}</span> : null}
      </p>
      {b.tags.length > 0 ? (
        <p data-field="tags">
          <span class="visually-hidden">{tr(view, 'できること：', 'Capabilities: ')}</span>
          {b.tags.join('・')}
        </p>
      ) : null}
      {b.description ? <p class="muted">{b.description.slice(0, 80)}</p> : null}
    </li>
  );
}

/**
 * JSON for a <script> element, with <, >, & and the JavaScript line separators written as \u escapes:
 * still the same JSON, but no text of a profile (a name with `</script>`) can end the element.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Structured data (schema.org JSON-LD) in the page; a data block, which the CSP does not run. */
export function JsonLd(props: { data: unknown }) {
  return <script type="application/ld+json">{raw(jsonForScript(props.data))}</script>;
}

export const statusNames = {
  pending: { ja: '承認待ち', en: 'Awaiting approval' },
  approved: { ja: '公開中', en: 'Public' },
} as const;
