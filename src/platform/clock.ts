/**
 * What time it is, asked of one function so that a test (or a journey in a browser) can pin the
 * date: the in-year progress of the dashboard depends on today's date in the fiscal year.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
