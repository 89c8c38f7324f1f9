/** Shallow shape check for records read back from storage (written by this app, maybe an older version). */
export function hasFields(value: unknown, fields: Record<string, 'string' | 'number'>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(fields).every(([name, type]) => typeof record[name] === type);
}
