import { countOf, fieldsOf, paramsWithout, textOf, type EndpointCapture } from './endpoint-capture.js';

/** `embeddings.create`: the texts in; out, how many vectors of what length (never the vectors themselves). */
export const embeddingsCapture: EndpointCapture = {
  kind: 'embedding',
  name: 'embeddings.create',
  request(params, span) {
    const fields = fieldsOf(params);
    const model = textOf(fields.model);
    if (model !== undefined) span.model = model;
    span.input = Array.isArray(fields.input) ? [...fields.input] : fields.input;
    span.params = paramsWithout(fields, ['input', 'model']);
  },
  response(value, span) {
    const response = fieldsOf(value);
    const model = textOf(response.model);
    if (model !== undefined) span.resolvedModel = model;
    const data = Array.isArray(response.data) ? response.data : [];
    const first = fieldsOf(data[0]).embedding;
    span.output = { embeddings: data.length, dimensions: Array.isArray(first) ? first.length : null };
    const usage = fieldsOf(response.usage);
    const input = countOf(usage.prompt_tokens);
    const total = countOf(usage.total_tokens);
    if (input !== undefined || total !== undefined) {
      span.usage = { ...(input === undefined ? {} : { inputTokens: input }), ...(total === undefined ? {} : { totalTokens: total }) };
    }
  },
};
