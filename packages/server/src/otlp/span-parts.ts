import { OtlpProblem } from './otlp-errors.js';
import { attributesToObject, isRecord, readId, readNanosAsMillis } from './otlp-values.js';
import type { SpanEvent, SpanLink } from './span-view.js';

/** A span's status: whether it failed, and the status message. */
export interface SpanStatusInfo {
  failed: boolean;
  message?: string;
}

/** Reads a span's `events` into normalised events. */
export function readEvents(value: unknown, path: string): SpanEvent[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpProblem(path, 'expected an array of events');
  const events: SpanEvent[] = [];
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    const itemPath = `${path}[${index}]`;
    if (!isRecord(item)) throw new OtlpProblem(itemPath, 'expected an event object');
    if (item.name !== undefined && typeof item.name !== 'string') throw new OtlpProblem(`${itemPath}.name`, 'expected a string');
    const event: SpanEvent = { name: item.name ?? '' };
    const time = readNanosAsMillis(item.timeUnixNano, `${itemPath}.timeUnixNano`);
    if (time !== undefined) event.time = time;
    const attributes = attributesToObject(item.attributes, `${itemPath}.attributes`);
    if (attributes !== undefined) event.attributes = attributes;
    if (typeof item.droppedAttributesCount === 'number' && item.droppedAttributesCount > 0) event.droppedAttributesCount = item.droppedAttributesCount;
    events.push(event);
  }
  return events;
}

/** Reads a span's `links` into normalised links. */
export function readLinks(value: unknown, path: string): SpanLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpProblem(path, 'expected an array of links');
  const links: SpanLink[] = [];
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    const itemPath = `${path}[${index}]`;
    if (!isRecord(item)) throw new OtlpProblem(itemPath, 'expected a link object');
    const traceId = readId(item.traceId, 16, `${itemPath}.traceId`);
    const spanId = readId(item.spanId, 8, `${itemPath}.spanId`);
    if (traceId === undefined || spanId === undefined) throw new OtlpProblem(itemPath, 'a link needs a traceId and a spanId');
    const link: SpanLink = { traceId, spanId };
    if (typeof item.traceState === 'string' && item.traceState !== '') link.traceState = item.traceState;
    const attributes = attributesToObject(item.attributes, `${itemPath}.attributes`);
    if (attributes !== undefined) link.attributes = attributes;
    links.push(link);
  }
  return links;
}

/** Reads a span's `status`: code 2 (or `STATUS_CODE_ERROR`) is a failure. */
export function readStatus(value: unknown, path: string): SpanStatusInfo {
  if (value === undefined || value === null) return { failed: false };
  if (!isRecord(value)) throw new OtlpProblem(path, 'expected a status object');
  const { code, message } = value;
  if (code !== undefined && code !== null && typeof code !== 'number' && typeof code !== 'string') {
    throw new OtlpProblem(`${path}.code`, 'expected a status code number');
  }
  if (message !== undefined && message !== null && typeof message !== 'string') throw new OtlpProblem(`${path}.message`, 'expected a string');
  const status: SpanStatusInfo = { failed: code === 2 || code === 'STATUS_CODE_ERROR' };
  if (typeof message === 'string' && message !== '') status.message = message;
  return status;
}
