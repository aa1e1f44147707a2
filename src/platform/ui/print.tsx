import type { Lang } from '../i18n';
import { tr } from './layout';

// Print-ready pages (the progress report, the who's who booklet) print with the browser's own
// command; this button, shown only when its script runs, opens it.

export const printScriptPath = '/static/print.js';

export const printScript = `for (const b of document.querySelectorAll('[data-print]')) {
  b.hidden = false;
  b.addEventListener('click', () => window.print());
}
`;

/** A 印刷する button, hidden until the script shows it; the page says how to print without it. */
export function PrintButton(props: { view: { lang: Lang } }) {
  return (
    <>
      <button type="button" class="button-secondary" data-print hidden>
        {tr(props.view, '印刷する', 'Print')}
      </button>
      <script src={printScriptPath} defer />
    </>
  );
}
