/**
 * A whole number from the environment, or `fallback` when unset; anything else stops the start-up
 * with the variable's name, so a typo in a limit never silently becomes no limit.
 */
export function wholeFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}".`);
  return value;
}
