import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser download does not work here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches Chromium headless, with `extraArgs` for a journey that needs more (a fake camera). A browser that cannot start fails the suite: a journey that was
 * skipped would look the same as one that passed.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        ...extraArgs,
      ],
    });
  } catch (error) {
    throw new Error(
      `Chromium could not be launched from ${chromiumPath}. Install it with \`apt-get install -y chromium\` ` +
        `or set CHROMIUM_PATH.\n${(error as Error).message}`,
    );
  }
}
