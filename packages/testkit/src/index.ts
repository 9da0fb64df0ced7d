export { startSimLlm } from './sim-llm/start-sim-llm.js';
export { jsonSchemaInstance } from './sim-llm/json-schema-instance.js';
export { countTokens } from './sim-llm/tokens.js';
export { embeddingVector } from './sim-llm/embeddings.js';
export type {
  SimFault,
  SimFinishReason,
  SimLatency,
  SimLlm,
  SimLlmOptions,
  SimRecordedRequest,
  SimReply,
  SimRule,
  SimRuleMatch,
  SimToolCall,
} from './sim-llm/types.js';
export { modulesLoadedBy } from './modules/modules-loaded-by.js';
