exports.up = async function up(knex) {
  await knex.schema.alterTable('contract_lines', (table) => {
    table.string('owner', 16).notNullable().defaultTo('client');
    table.string('kind', 16).notNullable().defaultTo('other');
    table.integer('rank').notNullable().defaultTo(3);
  });
  await knex('contract_lines').whereNull('owner').update({ owner: 'client' });
  await knex.raw(`ALTER TABLE contract_lines ADD CONSTRAINT owner_check CHECK (owner IN ('client', 'contract'))`);
  await knex.raw(`ALTER TABLE contract_lines ADD CONSTRAINT kind_check CHECK (kind IN ('client', 'contract'))`);
  await knex.raw(`ALTER TABLE contract_lines ADD CONSTRAINT rank_check CHECK (rank > 0)`);
};

exports.down = async function down(knex) {
  await knex.raw('ALTER TABLE contract_lines DROP CONSTRAINT owner_check, DROP CONSTRAINT kind_check, DROP CONSTRAINT rank_check');
  await knex.schema.alterTable('contract_lines', (table) => {
    table.dropColumn('owner');
    table.dropColumn('kind');
    table.dropColumn('rank');
  });
};
