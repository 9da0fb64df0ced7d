import type { AssertionContext, JudgeCallPolicy, ModelClient } from '@genchi/core';
import type { AppContext } from '../app-context.js';
import { withConcurrencyLimit } from '../models/concurrency-limit.js';
import { withCallLogging } from '../models/logged-model-client.js';
import { OpenAiModelClient } from '../models/openai-model-client.js';
import { WorkerCodeSandbox } from './code-sandbox.js';

/** What evaluating checks needs from the server: a model client (judges), a sandbox (custom code) and the judge policy. */
export interface CheckServices {
  /** Calls configured providers; each call is logged as an `eval` span of the project named in its purpose. */
  models(projectId: string): ModelClient;
  sandbox: WorkerCodeSandbox;
  policy: JudgeCallPolicy;
  /** What assertions run with, for one project, tagged with what the run is for. */
  assertionContext(projectId: string, purpose: Readonly<Record<string, string>>): AssertionContext;
}

const built = new WeakMap<AppContext, CheckServices>();
const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds).unref());

/** The check services of a running genchi, built on first use from its config (the sandbox thread starts on the first custom assertion). */
export function checkServices(context: AppContext): CheckServices {
  const existing = built.get(context);
  if (existing !== undefined) return existing;
  const { checks, providers } = context.config;
  const shared = withConcurrencyLimit(new OpenAiModelClient(providers, { timeoutMs: checks.judge.timeoutMs }), checks.judge.concurrency);
  const perProject = new Map<string, ModelClient>();
  const models = (projectId: string): ModelClient => {
    let client = perProject.get(projectId);
    if (client === undefined) {
      client = withCallLogging(shared, { write: (spans) => context.spans.write(projectId, spans) });
      perProject.set(projectId, client);
    }
    return client;
  };
  const sandbox = new WorkerCodeSandbox({ maxTimeoutMs: checks.customCode.timeoutMs, memoryMiB: checks.customCode.memoryMiB });
  const policy: JudgeCallPolicy = { attempts: checks.judge.attempts, backoffMs: checks.judge.backoffMs, maxBackoffMs: checks.judge.maxBackoffMs, sleep };
  const services: CheckServices = {
    models,
    sandbox,
    policy,
    assertionContext: (projectId, purpose) => ({
      model: models(projectId),
      judgePolicy: policy,
      sandbox,
      purpose,
      ...(checks.judgeModel === undefined ? {} : { defaultJudgeModel: checks.judgeModel }),
    }),
  };
  built.set(context, services);
  return services;
}
