import { type Lang, localise } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { PublicProperty } from '../schema';
import { areaText, dealNames, kindNames, priceText, stageNames } from '../words';

export interface Area {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

export const areaName = (lang: Lang, code: string | null, areas: readonly Area[]) =>
  ((a) => (a ? (lang === 'en' && a.nameEn) || a.name : (code ?? '')))(areas.find((a) => a.code === code));

/** A listing in a list: title, kind, area, size, rent or price, uses. */
export function PropertyCard(props: { view: PageView; listing: PublicProperty; areas: readonly Area[] }) {
  const { view, listing: p } = props;
  return (
    <li class="card" data-property={p.id}>
      <h3>
        <a href={`/properties/${p.id}`}>{p.title}</a>
      </h3>
      <p>
        <span class="badge badge-new">{localise(view.lang, kindNames[p.kind])}</span>
        {p.area ? <span class="badge badge-area">{areaName(view.lang, p.area, props.areas)}</span> : null}
        {p.stage !== 'open' ? <span class="badge">{localise(view.lang, stageNames[p.stage])}</span> : null}
      </p>
      <p data-field="price">
        {localise(view.lang, dealNames[p.deal])} {priceText(view.lang, p.deal, p.priceYen)}・
        {areaText(view.lang, p.floorAreaM2)}
      </p>
      {p.uses.length > 0 ? (
        <p data-field="uses">
          <span class="visually-hidden">{tr(view, '使い方：', 'Uses: ')}</span>
          {p.uses.join('・')}
        </p>
      ) : null}
    </li>
  );
}
