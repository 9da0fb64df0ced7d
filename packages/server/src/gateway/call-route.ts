import type { TaskConfig } from '@genchi/spec';
import type { UpstreamProvider } from './upstream-provider.js';

/** Where one call goes and why: the model the caller named, the one sent, and the pin or variant that chose it. */
export interface CallRoute {
  provider: UpstreamProvider;
  /** The model name sent upstream (without the provider prefix). */
  model: string;
  /** The model the caller named. */
  requestedModel: string;
  /** The task's pinned model reference, when the pin chose the model. */
  pinnedModel?: string;
  variant?: { name: string; promptVersion?: string; stickyBy: 'user' | 'session' | 'random' };
  task: TaskConfig | undefined;
}
