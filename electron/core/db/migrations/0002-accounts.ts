import type { Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * Accounts, their post and error history, and the per-platform app settings. Tokens are not
 * here: they live in the secret store. History rows copy the platform and handle so that they
 * outlive a removed account.
 */
export const migration0002Accounts: Migration = {
  version: 2,
  name: 'accounts',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('remote_id', 'text', (col) => col.notNull())
      .addColumn('handle', 'text', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('avatar_url', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('audience', 'text', (col) => col.notNull().defaultTo('unknown'))
      .addColumn('scopes', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('access_expires_at', 'integer')
      .addColumn('refresh_expires_at', 'integer')
      .addColumn('limit_per_hour', 'integer')
      .addColumn('limit_per_day', 'integer')
      .addColumn('min_gap_minutes', 'integer')
      .addColumn('posts_total', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('errors_total', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('consecutive_errors', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('cost_total_usd', 'real', (col) => col.notNull().defaultTo(0))
      .addColumn('rate_limited_until', 'integer')
      .addColumn('last_post_at', 'integer')
      .addColumn('last_error_at', 'integer')
      .addColumn('last_tested_at', 'integer')
      .addColumn('connected_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .addUniqueConstraint('accounts_platform_remote', ['platform', 'remote_id'])
      .execute();

    await db.schema
      .createTable('account_posts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('account_handle', 'text', (col) => col.notNull())
      .addColumn('posted_at', 'integer', (col) => col.notNull())
      .addColumn('remote_post_id', 'text')
      .addColumn('cost_usd', 'real', (col) => col.notNull().defaultTo(0))
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('account_posts_by_account')
      .on('account_posts')
      .columns(['account_id', 'posted_at'])
      .execute();
    await db.schema
      .createIndex('account_posts_by_platform')
      .on('account_posts')
      .columns(['platform', 'posted_at'])
      .execute();

    await db.schema
      .createTable('account_errors')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('account_handle', 'text', (col) => col.notNull())
      .addColumn('occurred_at', 'integer', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('code', 'text')
      .addColumn('message', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('account_errors_by_account')
      .on('account_errors')
      .columns(['account_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('platform_apps')
      .addColumn('platform', 'text', (col) => col.primaryKey())
      .addColumn('client_id', 'text')
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('accounts_config')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .execute();
  },
};
