import type { ToolCall } from '@genchi/spec';
import { JsonView } from '../../components/json-view.js';

interface MessageLike {
  role: string;
  content?: unknown;
  toolCalls?: ToolCall[];
  tool_calls?: Array<{ function?: { name?: string; arguments?: unknown }; name?: string; arguments?: unknown }>;
  name?: string;
}

const isMessage = (value: unknown): value is MessageLike =>
  value !== null && typeof value === 'object' && typeof (value as { role?: unknown }).role === 'string';

function ContentView({ content }: { content: unknown }) {
  if (content === undefined || content === null) return null;
  if (typeof content === 'string') {
    const trimmed = content.trim();
    // Structured output (a JSON object or array as text) is shown pretty; JsonView falls back to text when it does not parse.
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) return <JsonView value={content} />;
    return <div className="message-text">{content}</div>;
  }
  if (Array.isArray(content)) {
    return (
      <>
        {content.map((part, index) => {
          const text = part !== null && typeof part === 'object' ? (part as { text?: unknown }).text : undefined;
          return typeof text === 'string' ? <div key={index} className="message-text">{text}</div> : <JsonView key={index} value={part} />;
        })}
      </>
    );
  }
  return <JsonView value={content} />;
}

/** Tool calls a model asked for: name and pretty arguments. */
export function ToolCallsView({ calls }: { calls: Array<{ name?: string | undefined; arguments?: unknown; id?: string | undefined }> }) {
  return (
    <div className="tool-calls">
      {calls.map((call, index) => (
        <div key={call.id ?? index} className="tool-call">
          <span className="tool-name">ƒ {call.name ?? 'tool'}</span>
          <JsonView value={call.arguments ?? {}} />
        </div>
      ))}
    </div>
  );
}

/** A span body: chat messages as bubbles with their roles and tool calls, anything else as pretty JSON or text. */
export function ChatView({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <p className="muted">none</p>;
  const messages = Array.isArray(value) && value.length > 0 && value.every(isMessage) ? value : isMessage(value) ? [value] : null;
  if (messages === null) return <JsonView value={value} />;
  return (
    <div className="messages">
      {messages.map((message, index) => {
        const openAiCalls = (message.tool_calls ?? []).map((call) => ({ name: call.function?.name ?? call.name, arguments: call.function?.arguments ?? call.arguments }));
        const calls = [...(message.toolCalls ?? []), ...openAiCalls];
        return (
          <div key={index} className={`message message-${message.role}`}>
            <div className="message-role">
              {message.role}
              {message.name ? ` · ${message.name}` : ''}
            </div>
            <ContentView content={message.content} />
            {calls.length > 0 ? <ToolCallsView calls={calls} /> : null}
          </div>
        );
      })}
    </div>
  );
}
