import { type FormProblem, type FormValues, invalidIf } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { holidayRules } from '../hours';
import { shopCategories } from '../schema';
import { type DayKey, dayKeys, dayLabels } from '../shop-input';
import { categoryNames, holidayRuleNames } from '../words';
import { shopsStylesheetPath } from './components';

/**
 * A business's shop details: the kind of shop, the hours of each day (two periods at most, 定休日),
 * the public holiday rule and a note. Its name, address, area and position are its directory profile.
 */
export function MyShopPage(props: {
  view: PageView;
  business: { id: number; name: string; status: string } | undefined;
  areaName: string;
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
  hasShop: boolean;
}) {
  const { view, values, problem, business } = props;
  const title = tr(view, 'お店の情報（営業時間）', 'Shop details (opening hours)');
  if (!business) {
    return (
      <Layout view={view} title={title}>
        <h1>{title}</h1>
        <p data-empty="business">
          {tr(
            view,
            'お店の情報は事業者情報に付きます。先に「自社の事業者情報」で事業者情報を登録してください。',
            'Shop details belong to a business profile. Register your business first under “Your business”.',
          )}
        </p>
        <p>
          <a class="button" href="/businesses/mine">
            {tr(view, '自社の事業者情報へ', 'Go to your business')}
          </a>
        </p>
      </Layout>
    );
  }
  const time = (key: DayKey, n: number, which: 'opens' | 'closes') => {
    const name = `${key}-${n}-${which}`;
    return (
      <div>
        <label for={name}>
          <span class="visually-hidden">{`${localise(view.lang, dayLabels[key])} `}</span>
          {which === 'opens'
            ? tr(view, n === 1 ? '開店' : '開店（2つ目）', n === 1 ? 'Opens' : 'Opens (second)')
            : tr(view, n === 1 ? '閉店' : '閉店（2つ目）', n === 1 ? 'Closes' : 'Closes (second)')}
        </label>
        <input id={name} name={name} type="time" value={values[name] ?? ''} {...invalidIf(problem, name)} />
      </div>
    );
  };
  return (
    <Layout view={view} title={title}>
      <link rel="stylesheet" href={shopsStylesheetPath} />
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="lead">
        {tr(
          view,
          `「${business.name}」をお店マップに載せる内容です。店名・所在地・位置は事業者情報のものを使います（地区：${props.areaName || '未設定'}）。`,
          `What the shop map shows of “${business.name}”. Its name, address and position are those of the business profile (area: ${props.areaName || 'none'}).`,
        )}
        {business.status !== 'approved'
          ? tr(
              view,
              '事業者情報が承認されると公開されます。',
              'It is public once the business profile is approved.',
            )
          : null}
      </p>
      {props.hasShop ? (
        <p>
          <a href={`/shops/${business.id}`}>{tr(view, 'お店のページを見る', 'See the shop page')}</a>
        </p>
      ) : null}
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action="/shops/mine" class="stack shop-form">
        <CsrfField view={view} />
        <div>
          <label for="category">{tr(view, 'お店の種類', 'Kind of shop')}</label>
          <select id="category" name="category" required {...invalidIf(problem, 'category')}>
            <option value="">{tr(view, '選んでください', 'Choose')}</option>
            {shopCategories.map((c) => (
              <option value={c} selected={values.category === c}>
                {localise(view.lang, categoryNames[c])}
              </option>
            ))}
          </select>
        </div>
        <p class="muted">
          {tr(
            view,
            '閉店が開店より前の時刻なら、翌日の時刻です（18:00〜2:00 は 翌2:00 まで）。昼休みがあるときは2つ目の時間帯を使ってください。',
            'A closing time before the opening time is on the next day (18:00 to 2:00 closes at 2 a.m.). Use the second period for a lunch break.',
          )}
        </p>
        {dayKeys.map((key) => (
          <fieldset class="shop-day" data-day={key}>
            <legend>{localise(view.lang, dayLabels[key])}</legend>
            {key !== 'holiday' ? (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`${key}-closed`}
                  name={`${key}-closed`}
                  checked={values[`${key}-closed`] === 'on'}
                />
                <label for={`${key}-closed`}>
                  <span class="visually-hidden">{`${localise(view.lang, dayLabels[key])} `}</span>
                  {tr(view, '定休日', 'Closed')}
                </label>
              </div>
            ) : (
              <p class="muted">
                {tr(
                  view,
                  '下の「祝日の営業」で祝日の営業時間を使うときだけ入力します。',
                  'Only when the holiday rule below uses the holiday hours.',
                )}
              </p>
            )}
            <div class="shop-periods">
              {time(key, 1, 'opens')}
              {time(key, 1, 'closes')}
              {time(key, 2, 'opens')}
              {time(key, 2, 'closes')}
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend>{tr(view, '祝日の営業', 'Public holidays')}</legend>
          {holidayRules.map((rule) => (
            <div class="choice">
              <input
                type="radio"
                id={`holidayRule-${rule}`}
                name="holidayRule"
                value={rule}
                checked={(values.holidayRule || 'usual') === rule}
              />
              <label for={`holidayRule-${rule}`}>{localise(view.lang, holidayRuleNames[rule])}</label>
            </div>
          ))}
        </fieldset>
        <div>
          <label for="hoursNote">
            {tr(view, '営業時間の補足（任意）', 'Note on the hours (optional)')}
            <span class="hint">{tr(view, '例：ラストオーダー 20:30', 'e.g. last orders 20:30')}</span>
          </label>
          <input
            id="hoursNote"
            name="hoursNote"
            maxlength={200}
            value={values.hoursNote ?? ''}
            {...invalidIf(problem, 'hoursNote')}
          />
        </div>
        <p class="actions">
          <button type="submit">{tr(view, '保存する', 'Save')}</button>
        </p>
      </form>
    </Layout>
  );
}
