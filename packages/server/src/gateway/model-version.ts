/**
 * Signs that a model name names one fixed version, as data: a date (2024-08-06, 20241022), a
 * four-digit snapshot (-0613, -2411), a three-digit revision (-001), or an explicit version tag (@v2, :v1.5).
 */
const versionMarks: readonly RegExp[] = [
  /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/,
  /(?<!\d)20\d{6}(?!\d)/,
  /[-_@]\d{4}(?:$|[-_.:])/,
  /[-_@]\d{3}(?:$|[-_.:])/,
  /[@:]v?\d+(?:\.\d+)*$/i,
];

/** Names that always float, whatever digits they hold. */
const floatingMarks: readonly RegExp[] = [/[-_:@.]latest$/i, /[-_]preview$/i, /(^|[-_:@])(default|stable|current)$/i];

/** True when a model name is a floating alias (no date or version) that a provider may point at a new model any day. */
export function isFloatingAlias(model: string): boolean {
  const name = model.slice(model.lastIndexOf('/') + 1);
  if (floatingMarks.some((mark) => mark.test(name))) return true;
  return !versionMarks.some((mark) => mark.test(name));
}
