import { describe, expect, it } from 'vitest';
import type { OpeningHours } from './hours';
import { hoursSummary } from './hours-summary';
import { paperMapSvg } from './paper-map-svg';

const p = (opens: number, closes: number) => ({ opens: opens * 60, closes: closes * 60 });

describe('the paper map', () => {
  it('writes a week’s hours on one line: days with the same hours together, the 定休日, the holiday rule', () => {
    const hours: OpeningHours = {
      week: [
        [p(10, 17)],
        [p(11, 14), p(17, 22)],
        [],
        [p(11, 14), p(17, 22)],
        [p(11, 14), p(17, 22)],
        [p(11, 14), p(18, 26)],
        [p(10, 17)],
      ],
      holiday: [p(10, 16)],
      holidayRule: 'hours',
    };
    expect(hoursSummary(hours, 'ja')).toBe(
      '月水木 11:00–14:00、17:00–22:00／金 11:00–14:00、18:00–翌2:00／土日 10:00–17:00／定休日 火／祝日は「祝日」の営業時間 10:00–16:00',
    );
    const everyDay: OpeningHours = {
      week: Array.from({ length: 7 }, () => [p(9, 18)]),
      holiday: [],
      holidayRule: 'usual',
    };
    expect(hoursSummary(everyDay, 'en')).toBe('9:00–18:00');
  });

  it('draws each shop as a numbered pin inside the frame, and the stations among them only', () => {
    const svg = paperMapSvg(
      [
        { number: 1, name: 'A', category: 'food', latitude: 35.73, longitude: 139.28 },
        { number: 2, name: 'B <&>', category: 'retail', latitude: 35.728, longitude: 139.29 },
      ],
      [
        { name: '秋川駅', latitude: 35.7285, longitude: 139.2855 },
        { name: '遠くの駅', latitude: 35.9, longitude: 139.5 },
      ],
      { width: 1000, label: '地図' },
    );
    expect(svg.match(/class="paper-map-pin"/g)).toHaveLength(2);
    expect(svg).toContain('秋川駅');
    expect(svg).not.toContain('遠くの駅');
    expect(svg).toContain('B &lt;&amp;&gt;');
    const height = Number(/viewBox="0 0 1000 (\d+)"/.exec(svg)?.[1]);
    for (const [, x, y] of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(x)).toBeGreaterThan(14);
      expect(Number(x)).toBeLessThan(1000 - 14);
      expect(Number(y)).toBeGreaterThan(14);
      expect(Number(y)).toBeLessThan(height - 14);
    }
  });
});
