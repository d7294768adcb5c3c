/** Times in the office's time zone (Europe/Berlin by default), DST-correct via Intl. */

/** Building an Intl.DateTimeFormat costs ~0.1 ms; a page with 50 rows would build 150 of them. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(date: Date, timeZone: string): Record<string, string> {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, fmt);
  }
  return Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
}

/** yyyy-mm-dd of the office's calendar day. */
export function officeDate(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** ISO 8601 with the office's offset, e.g. 2026-11-25T09:41:00+01:00. */
export function toOfficeIso(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  const local = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  const offsetMin = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const sign = offsetMin >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${off}`;
}

/** German display form: 25.11.2026, 09:41 */
export function formatOfficeDateTime(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.day}.${p.month}.${p.year}, ${p.hour}:${p.minute}`;
}

/** 2026-11-25 → 25.11.2026 */
export function formatIsoDateGerman(isoDate: string): string {
  const [y, m, d] = isoDate.split("-");
  return `${d}.${m}.${y}`;
}
