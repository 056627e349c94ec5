// Child process for the crash test: starts the embedded PostgreSQL, writes a row, then waits to be killed.
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';

const db = await startEmbeddedPostgres(process.argv[2]!);
const client = new pg.Client({ connectionString: db.adminUrl });
await client.connect();
await client.query(
  `create table survivor (note text); insert into survivor values ('committed before the crash')`,
);
await client.end();
console.log('ready');
setInterval(() => undefined, 60_000);
