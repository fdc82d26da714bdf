export { openDatabase, ensureDatabase, readEngineInfo, type Database, type DatabaseOptions } from './database';
export { migrate, loadMigrations, type Migration, type MigrateResult } from './migrate';
export { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
