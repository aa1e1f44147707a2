import { createRequire } from 'node:module';

// ECharts is loaded when the first chart is drawn, not on every start: it is the heaviest import
const loadEcharts = (() => {
  let echarts: typeof import('echarts') | undefined;
  return () => {
    echarts ??= createRequire(import.meta.url)('echarts') as typeof import('echarts');
    return echarts;
  };
})();

export interface TargetActualChart {
  /** accessible name of the chart, e.g. "事業承継セミナー 目標と実績" */
  title: string;
  categories: string[];
  targetLabel: string;
  actualLabel: string;
  targets: (number | null)[];
  actuals: (number | null)[];
  unit: string;
}

/**
 * Targets as bars and actuals as a line, rendered to SVG on the server with ECharts, so that the
 * chart shows in pages, prints and reports without client JS. The SVG carries role="img" and a
 * label; the page shows the same figures in a table for those who cannot see it.
 */
export function renderTargetActualChart(spec: TargetActualChart, size = { width: 640, height: 300 }): string {
  const chart = loadEcharts().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', fontSize: 12 },
      color: ['#8fb8cc', '#a3161a'],
      legend: { top: 0, data: [spec.targetLabel, spec.actualLabel], textStyle: { color: '#1b1f24' } },
      // server-side text measuring is approximate, so the labels get a margin of their own
      grid: { left: 24, right: 8, top: 36, bottom: 8, containLabel: true },
      // every year is labelled: a chart of four or five years has room for all of them
      xAxis: { type: 'category', data: spec.categories, axisLabel: { color: '#1b1f24', interval: 0 } },
      yAxis: {
        type: 'value',
        name: spec.unit,
        axisLabel: { color: '#1b1f24' },
        nameTextStyle: { color: '#1b1f24' },
      },
      series: [
        { name: spec.targetLabel, type: 'bar', data: spec.targets, barMaxWidth: 48 },
        {
          name: spec.actualLabel,
          type: 'line',
          data: spec.actuals,
          symbolSize: 8,
          connectNulls: false,
          label: { show: true, position: 'top', color: '#1b1f24' },
        },
      ],
    });
    const svg = withoutInlineStyles(chart.renderToSVGString());
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(spec.title)}" `);
  } finally {
    chart.dispose();
  }
}

/**
 * The Content-Security-Policy allows no inline styles, so a browser would drop ECharts' `style`
 * attributes (label fonts) and its hover `<style>` (useless without client JS). Fonts become SVG
 * presentation attributes, which the policy does not touch.
 */
export function withoutInlineStyles(svg: string): string {
  return svg.replace(/<style[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_, declarations: string) =>
    declarations
      .split(';')
      .map((d) => d.split(':').map((part) => part.trim()))
      .filter(([name, value]) => name && value)
      .map(([name, value]) => ` ${name}="${escapeAttribute(String(value).replace(/px$/, ''))}"`)
      .join(''),
  );
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
