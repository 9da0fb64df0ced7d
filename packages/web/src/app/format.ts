import type { Usage } from '@genchi/spec';

/** Milliseconds for people: `840 ms`, `2.4 s`, `1 min 5 s`. */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined || Number.isNaN(milliseconds)) return '—';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(milliseconds / 60_000)} min ${Math.round((milliseconds % 60_000) / 1000)} s`;
}

/** US dollars with enough digits for fractions of a cent. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 100 ? 2 : 0)}`;
}

/** A count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/**
 * A span's tokens for a list cell: the total (`≈` when genchi counted some itself); when the total is
 * unknown because one side is, the known side with the other as a dash (`— + 4`); a dash when none is known.
 */
export function formatTokens(usage: Pick<Usage, 'inputTokens' | 'outputTokens' | 'totalTokens' | 'estimated'>): string {
  const mark = usage.estimated ? '≈' : '';
  if (usage.totalTokens !== null) return `${mark}${formatCount(usage.totalTokens)}`;
  if (usage.inputTokens === null && usage.outputTokens === null) return '—';
  return `${mark}${formatCount(usage.inputTokens)} + ${formatCount(usage.outputTokens)}`;
}

/** A count and its noun, singular for one: `1 span`, `1,200 spans`. */
export function formatCountOf(value: number, noun: string): string {
  return `${formatCount(value)} ${value === 1 ? noun : `${noun}s`}`;
}

/** A share as a percentage. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** A moment as local date and time, seconds included. */
export function formatTime(iso: string | number): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** How long ago a moment was: `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
