import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../packages/storage/src/platform/embedded';
import { migrate } from '../packages/storage/src/platform/migrate';
const dir = await mkdtemp(join(tmpdir(), 'shard-'));
const s = await startEmbeddedPostgres({ dataDir: dir, isEphemeral: true });
const pool = new pg.Pool({ connectionString: s.adminUrl, max: 1 });
await migrate(pool);
const { rows } = await pool.query(`
SELECT c.relname AS t, i.relname AS idx, pg_get_indexdef(i.oid) AS def
FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname=$$public$$ AND x.indisunique
AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid=c.oid AND a.attname='municipality_id')
AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid=c.oid AND a.attname='municipality_id' AND a.attnum = ANY(x.indkey))
ORDER BY 1`);
for (const r of rows) console.log(r.t.padEnd(32), r.def);
const { rows: fks } = await pool.query(`
SELECT c.relname AS t, con.conname, pg_get_constraintdef(con.oid) AS def, f.relname AS ft
FROM pg_constraint con JOIN pg_class c ON c.oid=con.conrelid JOIN pg_class f ON f.oid=con.confrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname='public' AND con.contype='f' AND f.relname <> 'municipality'
AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid=c.oid AND a.attname='municipality_id' AND a.attnum = ANY(con.conkey))
ORDER BY 1`);
console.log('--- fks without municipality_id:', fks.length);
for (const r of fks) console.log(r.t.padEnd(32), r.def);
await pool.end(); await s.stop();
