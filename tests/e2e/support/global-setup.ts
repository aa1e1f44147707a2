import { launchChromium } from './browser';

/**
 * Before any journey: a Chromium that cannot start stops the whole run with one clear error,
 * rather than every file reporting its journeys as skipped behind a failed hook.
 */
export default async function checkChromium(): Promise<void> {
  const browser = await launchChromium();
  await browser.close();
}
