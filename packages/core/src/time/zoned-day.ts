const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(time: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  if (zone === 'UTC') {
    // The default zone needs no time zone data: ICU's would add ~6 MB to the resident memory of every server.
    const date = new Date(time);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() };
  }
  const fields: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(new Date(time))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year ?? 1970, month: fields.month ?? 1, day: fields.day ?? 1, hour: fields.hour ?? 0, minute: fields.minute ?? 0, second: fields.second ?? 0 };
}

/** How far a zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(time: number, zone: string): number {
  const clock = wallClock(time, zone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - (time - (((time % 1000) + 1000) % 1000));
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function dayOf(time: number, zone: string): string {
  const clock = wallClock(time, zone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** Minutes since local midnight of an instant in a time zone. */
export function minutesIntoDay(time: number, zone: string): number {
  const clock = wallClock(time, zone);
  return clock.hour * 60 + clock.minute;
}

/** The instant a calendar day starts in a time zone (epoch milliseconds). */
export function startOfDay(day: string, zone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const first = midnightUtc - offsetAt(midnightUtc, zone);
  // A second pass lands on the right side of a daylight-saving change between the two offsets.
  return midnightUtc - offsetAt(first, zone);
}

/** The day `count` days after (or before, when negative) a day. */
export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The half-open window [start, end) of a calendar day in a time zone. */
export function dayWindow(day: string, zone: string): { from: number; to: number } {
  return { from: startOfDay(day, zone), to: startOfDay(addDays(day, 1), zone) };
}

/** The instant a local time of day (`HH:MM`) falls on during a day in a time zone. */
export function timeOnDay(day: string, timeOfDay: string, zone: string): number {
  const [hours, minutes] = timeOfDay.split(':').map(Number);
  const start = startOfDay(day, zone);
  const wanted = (hours ?? 0) * 60 + (minutes ?? 0);
  // Count wall-clock minutes, correcting once for a daylight-saving change earlier that day.
  const guess = start + wanted * 60_000;
  const reached = minutesIntoDay(guess, zone) + (dayOf(guess, zone) === day ? 0 : 24 * 60);
  return guess - (reached - wanted) * 60_000;
}
