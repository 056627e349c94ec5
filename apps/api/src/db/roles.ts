import pg from 'pg';

/**
 * The role the server connects as: it owns nothing, cannot bypass row-level security and may not
 * rewrite history (Migration20261130010000_roles_rls grants what it may do). Migrations and operator
 * commands run as the owner of the tables (DATABASE_MIGRATION_URL, or the embedded superuser).
 */
export const APP_ROLE = 'serialgraph_app';

/** Creates the application role if the cluster has none (we are superuser on embedded and test clusters). */
export async function ensureAppRole(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    if (rowCount) return;
    await client.query(
      `create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noinherit nobypassrls password ${client.escapeLiteral(password)}`,
    );
  } catch (error) {
    // Two processes creating it at once: the other one won.
    if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42710')
      throw error;
  } finally {
    await client.end();
  }
}

/** The same server and database as `url`, signed in as the application role. */
export function appRoleUrl(url: string, password: string): string {
  const u = new URL(url);
  u.username = APP_ROLE;
  u.password = encodeURIComponent(password);
  return u.toString();
}
