import type { AttributeMap, JsonValue } from './otlp-values.js';

/** Flat attributes of one indexed item: the key after `prefix<index>.` → value. */
export type IndexedItem = Map<string, JsonValue>;

function indexEnd(key: string, start: number): number {
  let end = start;
  while (end < key.length) {
    const code = key.charCodeAt(end);
    if (code < 0x30 || code > 0x39) break;
    end++;
  }
  return end > start && key.charCodeAt(end) === 0x2e /* . */ ? end : -1;
}

/**
 * Removes the attributes named `<prefix><index>.<rest>` (e.g. `llm.input_messages.0.message.role`)
 * and returns them as items in index order, each a map of `<rest>` → value; undefined when there are none.
 */
export function takeIndexed(attributes: AttributeMap, prefix: string): IndexedItem[] | undefined {
  let items: Map<number, IndexedItem> | undefined;
  for (const [key, value] of attributes) {
    if (!key.startsWith(prefix)) continue;
    const end = indexEnd(key, prefix.length);
    if (end < 0) continue;
    const index = Number(key.slice(prefix.length, end));
    items ??= new Map();
    let item = items.get(index);
    if (item === undefined) {
      item = new Map();
      items.set(index, item);
    }
    item.set(key.slice(end + 1), value);
    attributes.delete(key);
  }
  if (items === undefined) return undefined;
  return [...items.entries()].sort((left, right) => left[0] - right[0]).map((entry) => entry[1]);
}

/** Removes and returns one key of an indexed item. */
export function takeKey(item: IndexedItem, key: string): JsonValue | undefined {
  const value = item.get(key);
  if (value !== undefined) item.delete(key);
  return value;
}

/**
 * Puts back what readers left in indexed items, under `<prefix><position>.<rest>`, so that no
 * attribute is lost (the position is the item's place in index order).
 */
export function putBackIndexed(target: AttributeMap, prefix: string, items: readonly IndexedItem[]): void {
  for (let position = 0; position < items.length; position++) {
    for (const [rest, value] of items[position] as IndexedItem) target.set(`${prefix}${position}.${rest}`, value);
  }
}
