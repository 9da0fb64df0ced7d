import type { InputProblem, SpanInput } from '@genchi/spec';
import { mapSpan, type OtlpMapOptions, type SharedAttributes } from './map-span.js';
import { OtlpProblem, OtlpShapeError } from './otlp-errors.js';
import { addAttributes, isRecord, type AttributeMap, type JsonValue } from './otlp-values.js';

/** The spans an OTLP request mapped to, and the parts of it that could not be read. */
export interface OtlpMapResult {
  spans: SpanInput[];
  rejected: InputProblem[];
}

function listAt(container: Record<string, unknown>, field: string, path: string): unknown[] {
  const value = container[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpProblem(path, 'expected an array');
  return value;
}

function sharedEntries(attributes: unknown, path: string, prefix: string): Array<[string, JsonValue]> {
  const map: AttributeMap = new Map();
  addAttributes(map, attributes, path, prefix);
  return [...map];
}

function resourceAttributes(resourceSpans: Record<string, unknown>): Array<[string, JsonValue]> {
  const resource = resourceSpans.resource;
  if (resource === undefined || resource === null) return [];
  if (!isRecord(resource)) throw new OtlpProblem('resource', 'expected an object');
  return sharedEntries(resource.attributes, 'resource.attributes', 'resource.');
}

function scopeAttributes(scopeSpans: Record<string, unknown>): Array<[string, JsonValue]> {
  const scope = scopeSpans.scope;
  if (scope === undefined || scope === null) return [];
  if (!isRecord(scope)) throw new OtlpProblem('scope', 'expected an object');
  const entries = sharedEntries(scope.attributes, 'scope.attributes', 'otel.scope.');
  if (typeof scope.name === 'string' && scope.name !== '') entries.push(['otel.scope.name', scope.name]);
  if (typeof scope.version === 'string' && scope.version !== '') entries.push(['otel.scope.version', scope.version]);
  return entries;
}

const joinPath = (base: string, relative: string): string => (relative === '' ? base : `${base}.${relative}`);

function reject(rejected: InputProblem[], base: string, error: unknown): void {
  if (!(error instanceof OtlpProblem)) throw error;
  rejected.push({ path: joinPath(base, error.path), message: error.problem });
}

function mapScopeSpans(scopeSpans: unknown, shared: SharedAttributes, base: string, result: OtlpMapResult, options: OtlpMapOptions): void {
  if (!isRecord(scopeSpans)) throw new OtlpProblem('', 'expected a ScopeSpans object');
  const scopeShared = [...shared, ...scopeAttributes(scopeSpans)];
  const spans = listAt(scopeSpans, 'spans', 'spans');
  for (let index = 0; index < spans.length; index++) {
    try {
      result.spans.push(mapSpan(spans[index], scopeShared, options));
    } catch (error) {
      reject(result.rejected, `${base}.spans[${index}]`, error);
    }
  }
}

function mapResourceSpans(resourceSpans: unknown, base: string, result: OtlpMapResult, options: OtlpMapOptions): void {
  if (!isRecord(resourceSpans)) throw new OtlpProblem('', 'expected a ResourceSpans object');
  const shared = resourceAttributes(resourceSpans);
  const scopes = listAt(resourceSpans, 'scopeSpans', 'scopeSpans');
  for (let index = 0; index < scopes.length; index++) {
    const scopeBase = `${base}.scopeSpans[${index}]`;
    try {
      mapScopeSpans(scopes[index], shared, scopeBase, result, options);
    } catch (error) {
      reject(result.rejected, scopeBase, error);
    }
  }
}

/**
 * Maps an OTLP trace export request (parsed JSON, or what `decodeOtlpProtobuf` returns) to genchi
 * span bodies. A request that is not an OTLP request throws `OtlpShapeError`; a part that cannot be
 * read (one span, or a resource or scope and its spans) is listed in `rejected` and the rest is mapped.
 */
export function mapOtlpTraces(request: unknown, options: OtlpMapOptions = {}): OtlpMapResult {
  if (!isRecord(request)) throw new OtlpShapeError('(root)', 'expected an OTLP ExportTraceServiceRequest object');
  const resourceSpans = request.resourceSpans;
  const result: OtlpMapResult = { spans: [], rejected: [] };
  if (resourceSpans === undefined || resourceSpans === null) return result;
  if (!Array.isArray(resourceSpans)) throw new OtlpShapeError('resourceSpans', 'expected an array');
  for (let index = 0; index < resourceSpans.length; index++) {
    const base = `resourceSpans[${index}]`;
    try {
      mapResourceSpans(resourceSpans[index], base, result, options);
    } catch (error) {
      reject(result.rejected, base, error);
    }
  }
  return result;
}
