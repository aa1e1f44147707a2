import { describe, expect, it } from 'vitest';
import { renderTargetActualChart, withoutInlineStyles } from './chart';

describe('a chart of targets and actuals', () => {
  const svg = renderTargetActualChart({
    title: '創業塾の年間目標と実績',
    categories: ['令和5年度', '令和6年度'],
    targetLabel: '年間目標',
    actualLabel: '実績',
    targets: [16, 19],
    actuals: [17, null],
    unit: '人',
  });

  it('is an SVG image with an accessible name', () => {
    expect(svg).toMatch(/^<svg role="img" aria-label="創業塾の年間目標と実績"/);
  });

  it('has no inline style for the Content-Security-Policy to block', () => {
    expect(svg).not.toMatch(/ style="|<style/);
    expect(svg).toContain('font-size="12"');
  });

  it('turns style declarations into presentation attributes', () => {
    expect(withoutInlineStyles('<text style="font-size:12px;font-family:sans-serif;">x</text>')).toBe(
      '<text font-size="12" font-family="sans-serif">x</text>',
    );
  });
});
