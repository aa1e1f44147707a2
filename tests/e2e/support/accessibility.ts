import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, which JIS X 8341-3:2016 AA follows. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The axe-core violations of the page as it is now, one line per element, e.g.
 * "color-contrast (serious) .badge: Elements must meet minimum color contrast ratio thresholds — …",
 * so that a failing journey says what to fix and where.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'unknown'}) ${node.target.join(' ')}: ${violation.help}` +
        ` — ${(node.failureSummary ?? '').replace(/\s+/g, ' ')} [${violation.helpUrl}]`,
    ),
  );
}
