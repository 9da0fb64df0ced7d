import { existsSync, readFileSync } from 'node:fs';
import { genchiConfigSchema, summarizeZodError, type GenchiConfig } from '@genchi/spec';
import { parse } from 'yaml';

/** The config file read when no `--config` is given, if it exists. */
export const defaultConfigFile = 'genchi.config.yaml';

/** A config file that cannot be used, with a message naming the problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and checks `genchi.config.yaml` (or the named file); with no file, every default. */
export function loadConfig(file: string | undefined): { config: GenchiConfig; source: string | null } {
  const path = file ?? (existsSync(defaultConfigFile) ? defaultConfigFile : undefined);
  if (path === undefined) return { config: genchiConfigSchema.parse({}), source: null };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw new ConfigError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  const result = genchiConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(`${path}: ${summarizeZodError(result.error, '', 10)}`);
  return { config: result.data, source: path };
}
