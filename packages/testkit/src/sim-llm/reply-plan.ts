import type { Conversation } from './conversation.js';
import { faultByName, type FaultDefinition } from './faults.js';
import { jsonSchemaInstance } from './json-schema-instance.js';
import { readDirectives } from './request-directives.js';
import type { Exchange, Pace } from './sim-context.js';
import { countTokens, padToTokens, truncateToTokens } from './tokens.js';
import type { SimFinishReason, SimLatency, SimReply, SimToolCall } from './types.js';

/** A tool call the simulated model will answer with, arguments serialised. */
export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Everything decided about an answer before it is written in an endpoint's wire shape. */
export interface ReplyPlan {
  /** Sequence number for the response and call ids. */
  id: number;
  /** The resolved (dated) model version. */
  model: string;
  content: string | null;
  toolCalls: readonly PlannedToolCall[];
  finishReason: SimFinishReason;
  promptTokens: number;
  completionTokens: number;
  pace: Pace;
  fault: FaultDefinition | undefined;
}

const NO_REPLY: SimReply = {};
const DEFAULT_TEXT_PREFIX = 'Simulated answer to: ';

/** Decides the answer to a conversation: header script, else first matching rule, else a default from the input. */
export function planReply(conversation: Conversation, exchange: Exchange): ReplyPlan {
  const { context, req } = exchange;
  const directives = readDirectives(req.headers);
  const reply =
    directives.reply ??
    context.rules.take({
      model: conversation.model,
      lastUserText: conversation.lastUserText,
      systemText: conversation.systemText,
      headers: req.headers,
    }) ??
    NO_REPLY;
  const id = context.nextId();
  const toolCalls = planToolCalls(reply, conversation, id);
  const { content, truncated } = planContent(reply, conversation, toolCalls.length > 0);
  const completionTokens = Math.max(
    countTokens(content ?? '') + toolCalls.reduce((sum, call) => sum + countTokens(call.name + call.arguments), 0),
    content === null ? (reply.outputTokens ?? 0) : 0,
  );
  const fault = directives.fault ?? pickFault(reply, context.faults.draw());
  return {
    id,
    model: context.models.resolve(conversation.model),
    content,
    toolCalls,
    finishReason: reply.finishReason ?? (truncated ? 'length' : toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    promptTokens: conversation.promptTokens,
    completionTokens,
    pace: resolvePace(context.latency, reply.latency, directives.latency, fault),
    fault,
  };
}

/** Combines server, rule and request latency (later ones win field by field) and a fault's floor. */
export function resolvePace(
  server: Pace,
  fromRule: SimLatency | undefined,
  fromRequest: SimLatency | undefined,
  fault: FaultDefinition | undefined,
): Pace {
  const firstTokenMs = fromRequest?.firstTokenMs ?? fromRule?.firstTokenMs ?? server.firstTokenMs;
  const perTokenMs = fromRequest?.perTokenMs ?? fromRule?.perTokenMs ?? server.perTokenMs;
  const floor = fault?.minimumFirstTokenMs ?? 0;
  if (firstTokenMs >= floor && fromRule === undefined && fromRequest === undefined) return server;
  return { firstTokenMs: Math.max(firstTokenMs, floor), perTokenMs };
}

/** The text the simulator answers when nothing is scripted. */
export function defaultText(conversation: Conversation): string {
  return DEFAULT_TEXT_PREFIX + conversation.lastUserText.slice(0, 60);
}

function pickFault(reply: SimReply, drawn: string | undefined): FaultDefinition | undefined {
  const name = reply.fault ?? drawn;
  return name === undefined ? undefined : faultByName(name);
}

function planToolCalls(reply: SimReply, conversation: Conversation, id: number): PlannedToolCall[] {
  let calls: readonly SimToolCall[] | undefined = reply.toolCalls;
  const scriptsAnswer = reply.content !== undefined || reply.json !== undefined;
  if (calls === undefined && !scriptsAnswer && conversation.forcedTool !== undefined) {
    const tool = conversation.forcedTool;
    calls = [{ name: tool.name, arguments: JSON.stringify(jsonSchemaInstance(tool.parameters)) }];
  }
  if (calls === undefined) return [];
  return calls.map((call, index) => ({
    id: `call_sim${id}_${index}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
}

function planContent(
  reply: SimReply,
  conversation: Conversation,
  hasToolCalls: boolean,
): { content: string | null; truncated: boolean } {
  let content: string | null;
  if (reply.content !== undefined) content = reply.content;
  else if (reply.json !== undefined) content = JSON.stringify(reply.json);
  else content = hasToolCalls ? null : defaultContent(conversation);
  if (content === null) return { content, truncated: false };
  if (reply.outputTokens !== undefined) {
    const isJson = reply.content === undefined && (reply.json !== undefined || conversation.format.kind !== 'text');
    // JSON stays valid when padded with trailing whitespace.
    content = isJson ? padToTokens(content, reply.outputTokens, ' ') : padToTokens(content, reply.outputTokens);
  }
  const limit = conversation.maxOutputTokens;
  if (limit === undefined || countTokens(content) <= limit) return { content, truncated: false };
  return { content: truncateToTokens(content, limit), truncated: true };
}

function defaultContent(conversation: Conversation): string {
  const format = conversation.format;
  if (format.kind === 'json_schema') return JSON.stringify(jsonSchemaInstance(format.schema));
  if (format.kind === 'json_object') return JSON.stringify({ answer: defaultText(conversation) });
  return defaultText(conversation);
}
