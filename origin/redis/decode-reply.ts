import type { z } from 'zod';

function hold<T extends z.ZodType>(script: string, fields: unknown, schema: T): z.output<T> {
  const result = schema.safeParse(fields);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || ('keys' in issue ? issue.keys.join(',') : '?')}: ${issue.message}`);
    throw new Error(`${script}.lua reply does not match its fields: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * Decodes a Lua script's flat map reply `{name, value, name, value, ...}` by name and holds it to
 * `schema` (a strict object, or a discriminated union of them): a field missing, unknown or of
 * the wrong kind is an error naming the script and the field, never a silently shifted index.
 */
export function decodeReply<T extends z.ZodType>(script: string, reply: unknown, schema: T): z.output<T> {
  if (!Array.isArray(reply) || reply.length % 2 !== 0) throw new Error(`${script}.lua answered ${JSON.stringify(reply)}, not a flat map`);
  const fields: Record<string, unknown> = {};
  for (let index = 0; index < reply.length; index += 2) fields[String(reply[index])] = reply[index + 1];
  return hold(script, fields, schema);
}

/** The same for a script whose reply holds lists, sent as one `cjson.encode`d document. */
export function decodeJsonReply<T extends z.ZodType>(script: string, reply: unknown, schema: T): z.output<T> {
  let document: unknown;
  try {
    document = JSON.parse(String(reply));
  } catch {
    throw new Error(`${script}.lua answered ${JSON.stringify(reply)}, not a JSON document`);
  }
  return hold(script, document, schema);
}
