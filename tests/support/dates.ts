/** A date some days from today, in Japan, as yyyy-mm-dd (what a date input takes). */
export function daysFromNow(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The month (yyyy-mm) some months from this one, in Japan. */
export function monthsFromNow(months: number): string {
  const [year, month] = daysFromNow(0).split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1 + months, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
