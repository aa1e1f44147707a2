import type { Lang } from '../../../platform/i18n';
import { localise } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import { clockText, type OpeningHours, type OpeningState, periodsText, weekdayNames } from '../hours';
import type { PlanArea, ShopListing } from '../shop-service';
import { categoryNames, dayKindNames, holidayRuleNames } from '../words';

export const shopsStylesheetPath = '/static/shops.css';

export const areaName = (lang: Lang, code: string | null, areas: readonly PlanArea[]) => {
  const area = areas.find((a) => a.code === code);
  return area ? (lang === 'en' && area.nameEn) || area.name : '';
};

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** 11/27（金） or Fri 27 Nov, of a Japan date. */
export function dayText(lang: Lang, date: string): string {
  const [, month, day] = date.split('-').map(Number);
  const weekday = weekdayNames[lang][weekdayOf(date)];
  if (lang === 'en') {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return `${weekday} ${day} ${months[(month ?? 1) - 1]}`;
  }
  return `${month}/${day}（${weekday}）`;
}

/** 「営業中・21:00まで」 or 「営業時間外・次は 11/27（金）11:00 から」, from the one function that knows. */
export function stateText(lang: Lang, state: OpeningState, today: string): string {
  if (state.open && state.closesAt) {
    const time = clockText(state.closesAt.minute);
    const later = state.closesAt.date !== today;
    return lang === 'ja'
      ? `営業中・${later ? '翌' : ''}${time}まで`
      : `Open now, until ${time}${later ? ' (after midnight)' : ''}`;
  }
  if (!state.opensAt) return lang === 'ja' ? '営業時間外' : 'Closed';
  const when =
    state.opensAt.date === today
      ? clockText(state.opensAt.minute)
      : `${dayText(lang, state.opensAt.date)} ${clockText(state.opensAt.minute)}`;
  return lang === 'ja' ? `営業時間外・次は ${when} から` : `Closed, opens ${when}`;
}

/** The badge of a shop's state now, which the list, the map's popups and the page share. */
export function ShopState(props: { view: PageView; listing: ShopListing }) {
  const { view, listing } = props;
  return (
    <span
      class={`status ${listing.state.open ? 'status-achieved' : 'status-none'}`}
      data-open={listing.state.open ? 'yes' : 'no'}
    >
      {stateText(view.lang, listing.state, listing.today.date)}
    </span>
  );
}

/** A shop's kind, station area, るのかーど and まちゼミ講師, as badges: the list's and the page's. */
export function ShopBadges(props: { view: PageView; listing: ShopListing; areas: readonly PlanArea[] }) {
  const { view, listing } = props;
  return (
    <p>
      <span class="badge badge-new" data-field="category">
        {localise(view.lang, categoryNames[listing.shop.category])}
      </span>
      {listing.area ? (
        <span class="badge badge-area" data-field="area">
          {areaName(view.lang, listing.area, props.areas)}
        </span>
      ) : null}
      {listing.runocard ? (
        <span class="badge badge-area" data-field="runocard">
          {tr(view, 'るのかーどが使えます', 'Takes るのかーど')}
        </span>
      ) : null}
      {listing.courses.length > 0 ? (
        <span class="badge badge-area" data-field="machizemi">
          {tr(view, 'まちゼミ講師', 'Machizemi teacher')}
        </span>
      ) : null}
    </p>
  );
}

/** What a shop is in a list: name, kind, area, state now, るのかーど and まちゼミ. */
export function ShopCard(props: { view: PageView; listing: ShopListing; areas: readonly PlanArea[] }) {
  const { view, listing } = props;
  const b = listing.business;
  return (
    <li class="card" data-shop={b.id}>
      <h3>
        <a href={`/shops/${b.id}`}>{b.name}</a>
      </h3>
      <ShopBadges view={view} listing={listing} areas={props.areas} />
      <p data-field="state">
        <ShopState view={view} listing={listing} />
      </p>
      <p class="muted" data-field="today">
        {tr(view, '本日：', 'Today: ')}
        {listing.today.periods.length > 0
          ? periodsText(listing.today.periods, view.lang)
          : localise(view.lang, dayKindNames[listing.today.kind])}
      </p>
    </li>
  );
}

/** The week's hours as a table, Monday first as Japanese shop signs write them, then holidays. */
export function HoursTable(props: { view: PageView; hours: OpeningHours; today: string }) {
  const { view, hours } = props;
  const order = [1, 2, 3, 4, 5, 6, 0];
  const todayWeekday = weekdayOf(props.today);
  const closed = tr(view, '定休日', 'Closed');
  return (
    <table class="hours" data-table="hours">
      <caption class="visually-hidden">{tr(view, '曜日ごとの営業時間', 'Opening hours by day')}</caption>
      <tbody>
        {order.map((day) => {
          const periods = hours.week[day] ?? [];
          return (
            <tr data-day={String(day)} aria-current={day === todayWeekday ? 'date' : undefined}>
              <th scope="row">{weekdayNames[view.lang][day]}</th>
              <td>{periods.length > 0 ? periodsText(periods, view.lang) : closed}</td>
            </tr>
          );
        })}
        <tr data-day="holiday">
          <th scope="row">{tr(view, '祝日', 'Holidays')}</th>
          <td>
            {localise(view.lang, holidayRuleNames[hours.holidayRule])}
            {(hours.holidayRule === 'hours' || hours.holidayRule === 'open-shift') && hours.holiday.length > 0
              ? `（${periodsText(hours.holiday, view.lang)}）`
              : ''}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
