import { mergeContext, type CallContext } from '../context/call-context.js';
import type { Tracer } from '../context/tracer.js';
import { chatCompletionsCapture } from './chat-completions-capture.js';
import { embeddingsCapture } from './embeddings-capture.js';
import type { EndpointCapture } from './endpoint-capture.js';
import { instrumentMethod, type ClientContext } from './instrument-call.js';
import { responsesCapture } from './responses-capture.js';

/** A node of the client's object tree: sub-resources by property, recorded methods by name. */
interface ResourceNode {
  children?: Readonly<Record<string, ResourceNode>>;
  methods?: Readonly<Record<string, EndpointCapture>>;
}

/** The endpoints of the official `openai` client that are recorded, as data. */
const openAIEndpoints: ResourceNode = {
  children: {
    chat: { children: { completions: { methods: { create: chatCompletionsCapture } } } },
    responses: { methods: { create: responsesCapture } },
    embeddings: { methods: { create: embeddingsCapture } },
  },
};

/** Options of `wrapOpenAI`: the context of every call through the wrapped client, and the provider's name. */
export interface WrapOptions extends CallContext {
  /** Recorded as the span's provider (default `openai` for api.openai.com, else `openai-compatible`). */
  provider?: string;
}

const wrappedTarget = Symbol('genchi.wrappedTarget');
const wrappedContexts = new WeakMap<object, ClientContext>();

/** The client a wrapped client stands for, or the value itself. */
export function unwrapClient<Client extends object>(client: Client): Client {
  return ((client as Record<symbol, unknown>)[wrappedTarget] as Client | undefined) ?? client;
}

/** Whether a value is a client wrapped by genchi. */
export function isWrappedClient(client: object): boolean {
  return (client as Record<symbol, unknown>)[wrappedTarget] !== undefined;
}

/** The context and provider a wrapped client adds to its spans, or undefined for a client genchi did not wrap. */
export function clientContextOf(client: object): ClientContext | undefined {
  return wrappedContexts.get(client);
}

/** The provider name of a client: `openai` for api.openai.com, else `openai-compatible`. */
export function providerOf(client: object): string {
  const baseURL = (client as { baseURL?: unknown }).baseURL;
  return typeof baseURL === 'string' && baseURL.includes('api.openai.com') ? 'openai' : 'openai-compatible';
}

function contextOf(options: WrapOptions | undefined): CallContext | undefined {
  if (options === undefined) return undefined;
  const { provider: _provider, ...context } = options;
  return Object.keys(context).length === 0 ? undefined : context;
}

/**
 * Wraps a client in proxies that record its model calls and pass everything else through: the
 * result has the client's own type, `instanceof` still holds, and the client itself is untouched.
 * Wrapping a wrapped client again adds the new context over the old one.
 */
export function wrapOpenAIClient<Client extends object>(tracer: Tracer, client: Client, options?: WrapOptions): Client {
  const target = unwrapClient(client);
  const outer = wrappedContexts.get(client);
  const own = contextOf(options);
  const context = outer?.context === undefined ? own : own === undefined ? outer.context : mergeContext(outer.context, own);
  const clientContext: ClientContext = { context, provider: options?.provider ?? outer?.provider ?? providerOf(target) };
  let clientProxy: object | undefined;

  const proxy = (resource: object, node: ResourceNode, isClient: boolean): object => {
    const cache = new Map<PropertyKey, unknown>();
    return new Proxy(resource, {
      get(object, property) {
        if (property === wrappedTarget) return isClient ? object : undefined;
        const cached = cache.get(property);
        if (cached !== undefined) return cached;
        const value: unknown = Reflect.get(object, property, object);
        const capture = typeof property === 'string' ? node.methods?.[property] : undefined;
        const child = typeof property === 'string' ? node.children?.[property] : undefined;
        let result: unknown;
        if (capture !== undefined && typeof value === 'function') result = instrumentMethod(tracer, capture, object, value as never, clientContext);
        else if (child !== undefined && value !== null && typeof value === 'object') result = proxy(value, child, false);
        else if (!isClient && property === '_client') result = clientProxy;
        else if (isClient && typeof value === 'function') result = (value as (...args: unknown[]) => unknown).bind(object);
        else return value;
        cache.set(property, result);
        return result;
      },
    });
  };
  clientProxy = proxy(target, openAIEndpoints, true);
  wrappedContexts.set(clientProxy, clientContext);
  return clientProxy as Client;
}
