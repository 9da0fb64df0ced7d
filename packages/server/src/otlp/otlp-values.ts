import { OtlpProblem } from './otlp-errors.js';

/** An attribute value as JSON: OTLP scalars, arrays, and objects for key-value lists. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Span attributes by dotted key. */
export type AttributeMap = Map<string, JsonValue>;

/** A new JSON object with no prototype, so that any key (even `__proto__`) is plain data. */
export const emptyJsonObject = (): Record<string, JsonValue> => Object.create(null) as Record<string, JsonValue>;

const hexPattern = /^[0-9a-f]+$/i;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;
const digitsPattern = /^\d+$/;
const integerPattern = /^-?\d+$/;
const trailingPadding = /=+$/;

/** Whether a value is a non-null, non-array object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an OTLP integer (a JSON number or a decimal string) as a number; strings beyond 2^53 stay strings. */
function readInteger(value: unknown, path: string): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && integerPattern.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  }
  throw new OtlpProblem(path, 'expected an integer as a string or number');
}

function readDouble(value: unknown, path: string): number | string {
  if (typeof value === 'number') return value;
  // The protobuf JSON mapping also allows numbers as text, and writes the IEEE specials that way.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return value;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (Number.isFinite(number)) return number;
  throw new OtlpProblem(path, 'expected a number');
}

/** Converts an OTLP `AnyValue` to JSON: key-value lists become objects, bytes stay base64. */
export function anyValueToJson(value: unknown, path: string): JsonValue {
  if (!isRecord(value)) throw new OtlpProblem(path, 'expected an AnyValue object');
  if (value.stringValue != null) {
    if (typeof value.stringValue !== 'string') throw new OtlpProblem(`${path}.stringValue`, 'expected a string');
    return value.stringValue;
  }
  if (value.intValue != null) return readInteger(value.intValue, `${path}.intValue`);
  if (value.doubleValue != null) return readDouble(value.doubleValue, `${path}.doubleValue`);
  if (value.boolValue != null) {
    if (typeof value.boolValue !== 'boolean') throw new OtlpProblem(`${path}.boolValue`, 'expected a boolean');
    return value.boolValue;
  }
  if (value.arrayValue != null) return arrayToJson(value.arrayValue, `${path}.arrayValue`);
  if (value.kvlistValue != null) {
    const values = listOf(value.kvlistValue, `${path}.kvlistValue`);
    const object: Record<string, JsonValue> = emptyJsonObject();
    for (let index = 0; index < values.length; index++) {
      const [key, item] = readKeyValue(values[index], `${path}.kvlistValue.values[${index}]`);
      object[key] = item;
    }
    return object;
  }
  if (value.bytesValue != null) {
    if (typeof value.bytesValue !== 'string') throw new OtlpProblem(`${path}.bytesValue`, 'expected base64 text');
    return value.bytesValue;
  }
  return null;
}

function listOf(container: unknown, path: string): unknown[] {
  if (!isRecord(container)) throw new OtlpProblem(path, 'expected an object with `values`');
  const values = container.values ?? [];
  if (!Array.isArray(values)) throw new OtlpProblem(`${path}.values`, 'expected an array');
  return values;
}

function arrayToJson(container: unknown, path: string): JsonValue[] {
  const values = listOf(container, path);
  const array: JsonValue[] = new Array<JsonValue>(values.length);
  for (let index = 0; index < values.length; index++) array[index] = anyValueToJson(values[index], `${path}.values[${index}]`);
  return array;
}

/** Reads one OTLP `KeyValue` as a key and a JSON value. */
export function readKeyValue(keyValue: unknown, path: string): [string, JsonValue] {
  if (!isRecord(keyValue)) throw new OtlpProblem(path, 'expected a KeyValue object');
  const key = keyValue.key;
  if (typeof key !== 'string') throw new OtlpProblem(`${path}.key`, 'expected a string');
  return [key, keyValue.value === undefined || keyValue.value === null ? null : anyValueToJson(keyValue.value, `${path}.value`)];
}

/**
 * Adds OTLP attributes to a map under `prefix`: key-value lists are flattened into dotted keys,
 * arrays stay arrays (their key-value lists become objects).
 */
export function addAttributes(target: AttributeMap, attributes: unknown, path: string, prefix = ''): void {
  if (attributes === undefined || attributes === null) return;
  if (!Array.isArray(attributes)) throw new OtlpProblem(path, 'expected an array of KeyValue');
  for (let index = 0; index < attributes.length; index++) {
    const keyValue: unknown = attributes[index];
    const [key, value] = readKeyValue(keyValue, `${path}[${index}]`);
    addFlattened(target, prefix === '' ? key : prefix + key, value);
  }
}

function addFlattened(target: AttributeMap, key: string, value: JsonValue): void {
  if (isRecord(value)) {
    for (const inner in value) addFlattened(target, `${key}.${inner}`, value[inner] as JsonValue);
  } else {
    target.set(key, value);
  }
}

/** Reads OTLP attributes as one JSON object, key-value lists nested (for events and links). */
export function attributesToObject(attributes: unknown, path: string): Record<string, JsonValue> | undefined {
  if (attributes === undefined || attributes === null) return undefined;
  if (!Array.isArray(attributes)) throw new OtlpProblem(path, 'expected an array of KeyValue');
  if (attributes.length === 0) return undefined;
  const object: Record<string, JsonValue> = emptyJsonObject();
  for (let index = 0; index < attributes.length; index++) {
    const [key, value] = readKeyValue(attributes[index], `${path}[${index}]`);
    object[key] = value;
  }
  return object;
}

/**
 * Reads an OTLP trace or span id as lowercase hex: hex of the right length, or base64 of the
 * right number of bytes (some JSON encoders write bytes that way). Empty gives undefined.
 */
export function readId(value: unknown, byteLength: number, path: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OtlpProblem(path, `expected ${byteLength * 2} hex characters`);
  if (value.length === byteLength * 2 && hexPattern.test(value)) return value.toLowerCase();
  const base64Length = Math.ceil(byteLength / 3) * 4;
  if ((value.length === base64Length || value.replace(trailingPadding, '').length === Math.ceil((byteLength * 4) / 3)) && base64Pattern.test(value)) {
    const bytes = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (bytes.length === byteLength) return bytes.toString('hex');
  }
  throw new OtlpProblem(path, `expected ${byteLength * 2} hex characters (or base64 of ${byteLength} bytes)`);
}

/** Reads OTLP nanoseconds since the epoch (a decimal string or a number) as epoch milliseconds; zero or absent gives undefined. */
export function readNanosAsMillis(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new OtlpProblem(path, 'expected nanoseconds as a string or number');
    // A number this large is only exact to a few hundred nanoseconds: round to microseconds.
    return value === 0 ? undefined : Math.round(value / 1e3) / 1e3;
  }
  if (typeof value !== 'string' || !digitsPattern.test(value)) {
    throw new OtlpProblem(path, 'expected nanoseconds as a string or number');
  }
  if (value.length <= 15) {
    const nanos = Number(value);
    return nanos === 0 ? undefined : nanos / 1e6;
  }
  // Split so that whole milliseconds stay exact and the sub-millisecond part becomes the fraction.
  return Number(value.slice(0, -6)) + Number(value.slice(-6)) / 1e6;
}
