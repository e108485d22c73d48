/** Turns an OpenAPI 3.1 document into groups of operations for the API docs page. */
import type { OpenApiDocument } from './api';

export type DocParameter = {
  name: string;
  in: string;
  required: boolean;
  schema: string;
  description: string;
};
export type DocResponse = { status: string; description: string; schema: string | null };
export type DocOperation = {
  key: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: DocParameter[];
  requestBody: string | null;
  responses: DocResponse[];
};
export type DocGroup = { tag: string; description: string; operations: DocOperation[] };

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A short name for a schema: its component name, "Name[]" for arrays, else its type. */
export function schemaName(schema: unknown): string {
  const s = obj(schema);
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? s.$ref;
  if (s.type === 'array') return `${schemaName(s.items)}[]`;
  for (const key of ['oneOf', 'anyOf', 'allOf'])
    if (Array.isArray(s[key]))
      return (s[key] as unknown[]).map(schemaName).join(key === 'allOf' ? ' & ' : ' | ');
  if (Array.isArray(s.enum)) {
    const values = (s.enum as unknown[]).map(String);
    // Long enums (the category slugs) would swamp the table; the JSON document has them all.
    return values.length > 6 ? `${values.slice(0, 6).join(' | ')} | …` : values.join(' | ');
  }
  if (Array.isArray(s.type)) return (s.type as unknown[]).map(String).join(' | ');
  return str(s.type) || 'object';
}

function contentSchema(content: unknown): string | null {
  const media = Object.values(obj(content))[0];
  return media === undefined ? null : schemaName(obj(media).schema);
}

/** Operations grouped by their first tag, in the document's tag order. */
export function groupOperations(doc: OpenApiDocument, untagged: string): DocGroup[] {
  const groups = new Map<string, DocGroup>();
  for (const tag of doc.tags ?? [])
    groups.set(tag.name, { tag: tag.name, description: tag.description ?? '', operations: [] });
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = Array.isArray(obj(item).parameters) ? (obj(item).parameters as unknown[]) : [];
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (!Object.keys(op).length) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : untagged;
      if (!groups.has(tag)) groups.set(tag, { tag, description: '', operations: [] });
      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map(obj);
      groups.get(tag)!.operations.push({
        key: `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: str(op.summary),
        description: str(op.description),
        parameters: params.map((p) => ({
          name: str(p.name),
          in: str(p.in),
          required: p.required === true,
          schema: schemaName(p.schema),
          description: str(p.description),
        })),
        requestBody: op.requestBody ? contentSchema(obj(op.requestBody).content) : null,
        responses: Object.entries(obj(op.responses)).map(([status, r]) => ({
          status,
          description: str(obj(r).description),
          schema: contentSchema(obj(r).content),
        })),
      });
    }
  }
  return [...groups.values()].filter((g) => g.operations.length);
}
