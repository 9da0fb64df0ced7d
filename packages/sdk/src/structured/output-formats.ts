/** The text formats `generateObject` asks for. */
export type OutputFormat = 'json' | 'yaml';

/** How each format is asked for in words, read back from the answer, and named in a re-ask, as data. */
export interface FormatDefinition {
  label: string;
  instructions(schemaText: string): string;
  parse(text: string): Promise<unknown>;
}

const fencePattern = /```[a-zA-Z]*[ \t]*\r?\n([\s\S]*?)```/;

/** The inside of the first code fence of a text, or the whole text trimmed. */
export function unfenced(text: string): string {
  const fenced = fencePattern.exec(text);
  return (fenced?.[1] ?? text).trim();
}

function parseJson(text: string): unknown {
  const inner = unfenced(text);
  try {
    return JSON.parse(inner);
  } catch (error) {
    // Models often wrap JSON in a sentence: try the outermost object or array.
    const start = inner.search(/[[{]/);
    const end = Math.max(inner.lastIndexOf('}'), inner.lastIndexOf(']'));
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(inner.slice(start, end + 1));
      } catch {
        // fall through to the first error, which names the problem in the whole text
      }
    }
    throw error;
  }
}

/** The formats, by name. YAML's parser is loaded only when YAML is asked for. */
export const outputFormats: Readonly<Record<OutputFormat, FormatDefinition>> = {
  json: {
    label: 'JSON',
    instructions: (schema) => `Answer with one JSON value that matches this JSON Schema, and nothing else: no prose, no code fence.\n\n${schema}`,
    parse: async (text) => parseJson(text),
  },
  yaml: {
    label: 'YAML',
    instructions: (schema) => `Answer with YAML only, in a single \`\`\`yaml code block, describing a value that matches this JSON Schema.\n\n${schema}`,
    parse: async (text) => {
      const { parse } = await import('yaml');
      return parse(unfenced(text)) as unknown;
    },
  },
};

/** The user message that re-asks after a failed attempt, listing what was wrong. */
export function reaskMessage(format: OutputFormat, errors: readonly string[]): string {
  const label = outputFormats[format].label;
  return `Your answer did not match the required schema:\n${errors.map((error) => `- ${error}`).join('\n')}\n\nAnswer again with only the corrected ${label}.`;
}
