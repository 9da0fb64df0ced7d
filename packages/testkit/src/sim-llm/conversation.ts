import { invalidRequest } from './http-io.js';
import { countTokens } from './tokens.js';

/** A function tool the request offers the model. */
export interface ToolSpec {
  name: string;
  parameters: unknown;
}

/** The output format a request asks for. */
export type OutputFormat = { kind: 'text' } | { kind: 'json_object' } | { kind: 'json_schema'; schema: unknown };

/** What the simulator needs from a chat or responses request, whatever its wire shape. */
export interface Conversation {
  model: string;
  lastUserText: string;
  systemText: string;
  promptTokens: number;
  tools: readonly ToolSpec[];
  /** The tool that `tool_choice` forces (`required` forces the first), if any. */
  forcedTool: ToolSpec | undefined;
  format: OutputFormat;
  maxOutputTokens: number | undefined;
  stream: boolean;
}

type Body = Record<string, unknown>;

const TEXT_FORMAT: OutputFormat = { kind: 'text' };
const SYSTEM_ROLES = new Set(['system', 'developer']);

/** Reads a `POST /v1/chat/completions` body, throwing a 400 when `model` or `messages` is missing. */
export function chatConversation(body: Body): Conversation {
  const model = requireModel(body);
  const messages = body['messages'];
  if (!Array.isArray(messages)) throw invalidRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  const tools = readTools(body['tools'], (tool) => (isRecord(tool['function']) ? tool['function'] : undefined));
  const choice = body['tool_choice'];
  const forcedName = isRecord(choice) && isRecord(choice['function']) ? choice['function']['name'] : undefined;
  return {
    model,
    ...readMessages(messages, ''),
    tools,
    forcedTool: forcedTool(tools, choice, forcedName),
    format: readFormat(body['response_format']),
    maxOutputTokens: positiveNumber(body['max_completion_tokens']) ?? positiveNumber(body['max_tokens']),
    stream: body['stream'] === true,
  };
}

/** Reads a `POST /v1/responses` body, throwing a 400 when `model` or `input` is missing. */
export function responsesConversation(body: Body): Conversation {
  const model = requireModel(body);
  const input = body['input'];
  const instructions = typeof body['instructions'] === 'string' ? body['instructions'] : '';
  let parts: Pick<Conversation, 'lastUserText' | 'systemText' | 'promptTokens'>;
  if (typeof input === 'string') {
    parts = { lastUserText: input, systemText: instructions, promptTokens: countTokens(instructions + input) };
  } else if (Array.isArray(input)) {
    parts = readMessages(input, instructions);
  } else {
    throw invalidRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  }
  const tools = readTools(body['tools'], (tool) => tool);
  const choice = body['tool_choice'];
  const forcedName = isRecord(choice) ? choice['name'] : undefined;
  const text = body['text'];
  return {
    model,
    ...parts,
    tools,
    forcedTool: forcedTool(tools, choice, forcedName),
    format: readFormat(isRecord(text) ? text['format'] : undefined),
    maxOutputTokens: positiveNumber(body['max_output_tokens']),
    stream: body['stream'] === true,
  };
}

/** Reads the `model` field, throwing a 400 when it is missing. */
export function requireModel(body: Body): string {
  const model = body['model'];
  if (typeof model !== 'string' || model === '') {
    throw invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  }
  return model;
}

/** The text of a message content: a string, or the text parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isRecord(part) && typeof part['text'] === 'string') text += part['text'];
  }
  return text;
}

function readMessages(
  messages: readonly unknown[],
  instructions: string,
): Pick<Conversation, 'lastUserText' | 'systemText' | 'promptTokens'> {
  let lastUserText = '';
  let systemText = instructions;
  let characters = instructions.length;
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const text = contentText(message['content'] ?? message['output']);
    characters += text.length;
    const role = message['role'];
    if (role === 'user') lastUserText = text;
    else if (typeof role === 'string' && SYSTEM_ROLES.has(role)) systemText = systemText ? `${systemText}\n${text}` : text;
  }
  return { lastUserText, systemText, promptTokens: Math.ceil(characters / 4) };
}

function readTools(tools: unknown, definition: (tool: Body) => Body | undefined): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  const specs: ToolSpec[] = [];
  for (const tool of tools) {
    const fn = isRecord(tool) ? definition(tool) : undefined;
    if (fn && typeof fn['name'] === 'string') specs.push({ name: fn['name'], parameters: fn['parameters'] ?? {} });
  }
  return specs;
}

function forcedTool(tools: readonly ToolSpec[], choice: unknown, forcedName: unknown): ToolSpec | undefined {
  if (typeof forcedName === 'string') return tools.find((tool) => tool.name === forcedName) ?? { name: forcedName, parameters: {} };
  return choice === 'required' ? tools[0] : undefined;
}

function readFormat(format: unknown): OutputFormat {
  if (!isRecord(format)) return TEXT_FORMAT;
  if (format['type'] === 'json_object') return { kind: 'json_object' };
  if (format['type'] !== 'json_schema') return TEXT_FORMAT;
  // Chat nests the schema under `json_schema`; the Responses API puts it on the format itself.
  const holder = isRecord(format['json_schema']) ? format['json_schema'] : format;
  return { kind: 'json_schema', schema: holder['schema'] ?? {} };
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
