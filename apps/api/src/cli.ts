import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { describeForLog } from './common/log';
import { readConfig } from './config';
import { openDatabase } from './db/database';
import { ROLES, createApiKey, findOrCreateOrganization } from './modules/auth/auth.service';
import type { Role } from './modules/auth/api-key.entity';

const USAGE = `serialgraph CLI
  migrate                                              apply pending database migrations
  create-org --name NAME                               create an organization (prints its id)
  create-key --org NAME --name KEYNAME --role ROLE     create an API key (roles: ${ROLES.join(', ')}); prints the key once
Uses DATABASE_URL, or the embedded PostgreSQL in SERIALGRAPH_DATA_DIR (default ./.data): the one of a
running server when there is one (it is left running), else started for the command and stopped again.`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' } },
  });
  if (!command || command === 'help' || command === '--help') return void console.log(USAGE);
  const config = readConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.migrationUrl,
    dataDir: config.dataDir,
    embeddedUse: 'command',
  });
  try {
    const em = db.orm.em.fork();
    switch (command) {
      case 'migrate':
        console.log('database is migrated');
        break;
      case 'create-org': {
        if (!values.name) throw new Error('--name is required');
        const org = await findOrCreateOrganization(em, values.name);
        console.log(org.id);
        break;
      }
      case 'create-key': {
        const role = values.role as Role;
        if (!values.org || !values.name || !ROLES.includes(role))
          throw new Error(`--org, --name and --role (${ROLES.join('|')}) are required`);
        const org = await findOrCreateOrganization(em, values.org);
        const { key } = await createApiKey(em, org.id, { name: values.name, role });
        console.log(key);
        break;
      }
      default:
        console.error(USAGE);
        process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(describeForLog(e));
  process.exit(1);
});
