import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (table: Knex.TableBuilder) => {
    table.jsonb('flags').notNullable().defaultTo('{}');
  });
}

export async function down(knex: Knex): Promise<void> {
  // nothing to do
}
