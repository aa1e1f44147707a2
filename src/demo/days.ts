/** Day arithmetic of the demo's fictional records, on yyyy-mm-dd strings. */

export const day = 86_400_000;
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The instant of a day and time in Japan. */
export const atJapan = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);
export const plusDays = (date: string, days: number) =>
  isoDay(new Date(Date.parse(`${date}T00:00:00Z`) + days * day));
