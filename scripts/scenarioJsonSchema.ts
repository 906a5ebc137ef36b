import * as z from 'zod';
import { scenarioSchema } from '../src/sim/scenario';
import { scenarioDocs } from './scenarioDocs';

type Node = Record<string, unknown>;

const mapValues = (o: Record<string, Node>, f: (v: Node, k: string) => Node) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v, k)]));

/**
 * A copy of a JSON Schema node with the description of every field path in it (as
 * scenarioDocs writes them: `link.drop[].index`, `http.headers{}`) put first; `visit`
 * sees every path.
 */
function documented(node: Node, path: string, visit: (path: string) => void): Node {
  visit(path);
  const { properties, items, additionalProperties } = node;
  const copy: Node = { ...(scenarioDocs[path] !== undefined && { description: scenarioDocs[path] }), ...node };
  const child = (key: string) => (path ? `${path}.${key}` : key);
  if (properties) copy.properties = mapValues(properties as Record<string, Node>, (v, k) => documented(v, child(k), visit));
  if (items && typeof items === 'object') copy.items = documented(items as Node, `${path}[]`, visit);
  if (additionalProperties && typeof additionalProperties === 'object') copy.additionalProperties = documented(additionalProperties as Node, `${path}{}`, visit);
  return copy;
}

/**
 * The JSON Schema of a scenario file, generated from the zod schema (the input side: fields
 * with a default may be left out), a description on every field. `undocumented`: field paths
 * scenarioDocs has no line for; `stale`: lines in scenarioDocs for paths that are gone.
 */
export function scenarioJsonSchema(): { schema: Node; undocumented: string[]; stale: string[] } {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Node;
  const seen = new Set<string>();
  const { $schema, ...rest } = documented(generated, '', (p) => seen.add(p));
  return {
    schema: { $schema, title: 'wirescene scenario', ...rest },
    undocumented: [...seen].filter((p) => scenarioDocs[p] === undefined),
    stale: Object.keys(scenarioDocs).filter((p) => !seen.has(p)),
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export const scenarioJsonSchemaText = (): string => `${JSON.stringify(scenarioJsonSchema().schema, null, 2)}\n`;

export const SCHEMA_FILE = 'assets/scenarios/scenario.schema.json';
