import { toColumn, toTags } from '../attribute-rules.js';
import type { ConventionMapper } from './convention-mapper.js';

/**
 * genchi's own attributes (`genchi.*`) and the general OpenTelemetry ones every span may carry
 * (user, session, deployment environment); it applies to every span and comes first.
 */
export const genchiConvention: ConventionMapper = {
  name: 'genchi and general OpenTelemetry',
  markers: [],
  rules: [
    toColumn('genchi.task', 'task'),
    toColumn('genchi.environment', 'environment'),
    toColumn('resource.deployment.environment.name', 'environment'),
    toColumn('resource.deployment.environment', 'environment'),
    toColumn('deployment.environment.name', 'environment'),
    toColumn('genchi.user.id', 'userId'),
    toColumn('user.id', 'userId'),
    toColumn('enduser.id', 'userId'),
    toColumn('genchi.session.id', 'sessionId'),
    toColumn('session.id', 'sessionId'),
    toColumn('genchi.prompt.id', 'promptId'),
    toColumn('genchi.prompt.version', 'promptVersion'),
    toTags('genchi.tags'),
  ],
};
