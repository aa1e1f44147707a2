import type { CsvImportSummary, CsvPreview, KeptUpload } from '../csv-round-trip';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from './layout';

/** The upload form of a list: a file, then the preview. */
function UploadForm(props: { view: PageView; base: string; id: string }) {
  const { view } = props;
  const hint = `${props.id}-hint`;
  return (
    <form method="post" action={`${props.base}/import`} enctype="multipart/form-data" class="stack card">
      <CsrfField view={view} />
      <div>
        <label for={props.id}>{tr(view, '編集したCSVファイル', 'The edited CSV file')}</label>
        <span id={hint} class="hint">
          {tr(
            view,
            'UTF-8（BOM付き）と Shift_JIS（Excel の「CSV」）のどちらでも読めます。取り込む前に、変わる内容を確かめる画面が出ます。',
            'UTF-8 (with BOM) or Shift_JIS (Excel’s “CSV”). Before anything is written, a preview shows what will change.',
          )}
        </span>
        <input
          id={props.id}
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby={hint}
        />
      </div>
      <div>
        <button type="submit">{tr(view, 'プレビューする', 'Preview')}</button>
      </div>
    </form>
  );
}

/**
 * A list's export and import on its own page: the file in both encodings, and the upload. `columns`
 * names the columns that are imported, `adds` says whether a row without an id adds a record.
 */
export function CsvRoundTripSection(props: {
  view: PageView;
  /** the export is `${base}.csv`, the upload `${base}/import` */
  base: string;
  heading: string;
  /** what is read from the file, in a sentence */
  explanation: string;
  adds: boolean;
  /** the id of its heading, for links to it; from `base` when not given */
  id?: string;
}) {
  const { view, base } = props;
  const headingId = props.id ?? `${base.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-csv`;
  return (
    <section aria-labelledby={headingId} data-csv={base}>
      <h2 id={headingId}>{props.heading}</h2>
      <p>
        {props.explanation}{' '}
        {props.adds
          ? tr(view, 'IDが空欄の行は新しく追加します。', 'A row with an empty ID is added as a new record.')
          : ''}
        {tr(
          view,
          'ファイルから消した行は、そのまま残ります（削除はしません）。1行でも誤りがあると何も取り込まず、誤りのある行を行番号つきでお知らせします。',
          'A row taken out of the file stays as it is (nothing is deleted). If any row is wrong nothing is imported, and each wrong row is listed with its line number.',
        )}
      </p>
      <p class="actions">
        <a href={`${base}.csv`} download>
          {tr(view, 'CSVを書き出す（UTF-8）', 'Export CSV (UTF-8)')}
        </a>
        <a href={`${base}.csv?encoding=shift_jis`} download>
          {tr(view, 'CSVを書き出す（Shift_JIS）', 'Export CSV (Shift_JIS)')}
        </a>
      </p>
      <p class="hint">
        {tr(
          view,
          'Shift_JIS で表せない文字（𠮷 や絵文字など）は「〓」になります。その列は変更しなければ元のまま残ります。',
          'Characters Shift_JIS cannot hold (such as 𠮷 or emoji) become “〓”; left unchanged, such a cell keeps its stored text.',
        )}
      </p>
      <UploadForm view={view} base={base} id={`${headingId}-file`} />
    </section>
  );
}

function Counts(props: { view: PageView; preview: CsvPreview }) {
  const { view, preview } = props;
  const updated = new Set(preview.changes.map((c) => c.line)).size;
  return (
    <p data-field="csv-counts">
      {tr(
        view,
        `変更 ${updated}行（${preview.changes.length}項目）・新規 ${preview.created.length}行・変更なし ${preview.unchangedLines.length}行`,
        `Changed ${updated} rows (${preview.changes.length} cells), new ${preview.created.length}, unchanged ${preview.unchangedLines.length}`,
      )}
      {preview.encoding === 'shift_jis' ? tr(view, '（Shift_JIS のファイル）', ' (a Shift_JIS file)') : ''}
    </p>
  );
}

/** Each cell that will change: line, row, column, before → after. */
function ChangeTable(props: { view: PageView; preview: CsvPreview }) {
  const { view, preview } = props;
  if (preview.changes.length === 0) return null;
  return (
    <>
      <h2 id="csv-changes">{tr(view, '変更される項目', 'Cells that change')}</h2>
      {/* a long row label scrolls sideways at 360 px: the region is focusable, as on the other tables */}
      <section class="table-wrap" tabindex={0} aria-labelledby="csv-changes">
        <table aria-labelledby="csv-changes" data-table="csv-changes">
          <thead>
            <tr>
              <th scope="col">{tr(view, '行', 'Line')}</th>
              <th scope="col">{tr(view, '対象', 'Row')}</th>
              <th scope="col">{tr(view, '項目', 'Column')}</th>
              <th scope="col">{tr(view, '変更前', 'Before')}</th>
              <th scope="col">{tr(view, '変更後', 'After')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((c) => (
              <tr data-line={c.line} data-id={c.id} data-column={c.field}>
                <td>{tr(view, `${c.line}行目`, `Line ${c.line}`)}</td>
                <th scope="row">
                  {c.label} <span class="muted">（ID {c.id}）</span>
                </th>
                <td>{c.field}</td>
                <td class="csv-cell">
                  <del>{c.before === '' ? tr(view, '（空欄）', '(empty)') : c.before}</del>
                </td>
                <td class="csv-cell">
                  <ins>{c.after === '' ? tr(view, '（空欄）', '(empty)') : c.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** Each new row, cell by cell. */
function NewRows(props: { view: PageView; preview: CsvPreview }) {
  const { view, preview } = props;
  if (preview.created.length === 0) return null;
  return (
    <>
      <h2 id="csv-new">{tr(view, '新しく追加する行', 'Rows added')}</h2>
      {preview.created.map((row) => (
        <section class="card" aria-labelledby={`csv-new-${row.line}`} data-new-line={row.line}>
          <h3 id={`csv-new-${row.line}`}>{tr(view, `${row.line}行目`, `Line ${row.line}`)}</h3>
          <dl class="facts">
            {row.cells.map((cell) => (
              <>
                <dt>{cell.field}</dt>
                <dd class="csv-cell">{cell.value === '' ? '—' : cell.value}</dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function summaryText(view: PageView, s: CsvImportSummary): string {
  return tr(
    view,
    `取り込みました：変更 ${s.updated}行・新規 ${s.created}行・変更なし ${s.unchanged}行。`,
    `Imported: ${s.updated} rows changed, ${s.created} added, ${s.unchanged} unchanged.`,
  );
}

export type CsvImportState =
  /** a kept upload waiting for its confirmation, or applied */
  | { kind: 'upload'; upload: KeptUpload; again?: boolean }
  /** a good file that changes nothing */
  | { kind: 'unchanged'; preview: CsvPreview; fileName: string }
  /** a refused file, or a refused confirmation: the message and each problem as 「3行目: …」 */
  | { kind: 'refused'; message: string; details: string[] };

/**
 * The page of an import: the preview with its confirmation, what an applied upload did, or the
 * problems of a refused file with the form to choose it again.
 */
export function CsvImportPage(props: {
  view: PageView;
  /** 「イベント一覧」: what is imported */
  listName: string;
  base: string;
  back: string;
  state: CsvImportState;
}) {
  const { view, state, base } = props;
  const title = tr(view, `${props.listName}のCSV取り込み`, `Import ${props.listName} from CSV`);
  const backLink = (
    <p>
      <a href={props.back}>{tr(view, `${props.listName}に戻る`, `Back to ${props.listName}`)}</a>
    </p>
  );
  if (state.kind === 'refused') {
    return (
      <Layout view={view} title={title}>
        <h1>{title}</h1>
        <ErrorSummary view={view} message={state.message} details={state.details} />
        <h2 id="csv-again">{tr(view, 'ファイルを選び直す', 'Choose the file again')}</h2>
        <UploadForm view={view} base={base} id="csv-file" />
        {backLink}
      </Layout>
    );
  }
  if (state.kind === 'unchanged') {
    return (
      <Layout view={view} title={title}>
        <h1>{title}</h1>
        <Notice
          message={tr(
            view,
            `「${state.fileName}」には変更がありません（${state.preview.unchangedLines.length}行すべて今の一覧と同じです）。何も取り込んでいません。`,
            `“${state.fileName}” changes nothing (all ${state.preview.unchangedLines.length} rows are as the list is now). Nothing was imported.`,
          )}
        />
        {backLink}
      </Layout>
    );
  }
  const { upload } = state;
  if (upload.appliedAt && upload.summary) {
    return (
      <Layout view={view} title={title}>
        <h1>{title}</h1>
        <Notice
          message={`${summaryText(view, upload.summary)}${
            state.again
              ? tr(
                  view,
                  'この取り込みは確定済みのため、もう一度は書き込んでいません。',
                  ' This import was already confirmed, so nothing was written again.',
                )
              : ''
          }`}
        />
        <Counts view={view} preview={upload.preview} />
        <ChangeTable view={view} preview={upload.preview} />
        <NewRows view={view} preview={upload.preview} />
        {backLink}
      </Layout>
    );
  }
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        {tr(
          view,
          `「${upload.fileName}」を取り込むと、次のとおり変わります。確かめてから「この内容で取り込む」を押してください。まだ何も書き込んでいません。`,
          `Importing “${upload.fileName}” changes the following. Check it, then press “Import these changes”. Nothing has been written yet.`,
        )}
      </p>
      <Counts view={view} preview={upload.preview} />
      <ChangeTable view={view} preview={upload.preview} />
      <NewRows view={view} preview={upload.preview} />
      <form method="post" action={`${base}/import/${upload.token}`} class="stack">
        <CsrfField view={view} />
        <p class="hint">
          {tr(
            view,
            'プレビューの後に一覧が変更されていたときは取り込まず、そうお知らせします。確定できるのは1時間以内です。',
            'If the list changes after this preview, nothing is imported and you are told so. Confirm within an hour.',
          )}
        </p>
        <div class="actions">
          <button type="submit">{tr(view, 'この内容で取り込む', 'Import these changes')}</button>
          <a href={props.back}>{tr(view, '取り込まずに戻る', 'Back without importing')}</a>
        </div>
      </form>
    </Layout>
  );
}
