/** Endpoints and models seen refusing `response_format: json_schema`, so later calls ask through instructions at once. */
const refused = new Set<string>();
const maxRemembered = 1000;

/** The key of an endpoint and model. */
export function endpointKey(client: object, model: string): string {
  const baseURL = (client as { baseURL?: unknown }).baseURL;
  return `${typeof baseURL === 'string' ? baseURL : ''}|${model}`;
}

/** Whether an endpoint and model are known to refuse `json_schema`. */
export function refusesJsonSchema(key: string): boolean {
  return refused.has(key);
}

/** Remembers that an endpoint and model refuse `json_schema`. */
export function rememberRefusal(key: string): void {
  if (refused.size >= maxRemembered) refused.clear();
  refused.add(key);
}

/** Whether an error is an endpoint refusing `response_format` (a 400 that names it), rather than any other fault. */
export function isJsonSchemaRefusal(error: unknown): boolean {
  const fields = error as { status?: unknown; param?: unknown; message?: unknown } | null;
  if (fields === null || typeof fields !== 'object' || fields.status !== 400) return false;
  if (fields.param === 'response_format') return true;
  return typeof fields.message === 'string' && /response_format|json_schema|structured output/i.test(fields.message);
}
