export async function up(knex) {
  await knex.schema.createTable('role_mappings', (table) => {
    table.uuid('id').primary();
    table.string('remote_role_name').notNullable();
  });

  const existing = await knex('saml_role_mappings');
  if (existing.length) {
    await knex('role_mappings').insert(existing);
  }

  await knex.schema.dropTable('saml_role_mappings');
}

export async function down(knex) {
  await knex.schema.createTable('saml_role_mappings', (table) => {
    table.uuid('id').primary();
  });
  await knex.schema.dropTable('role_mappings');
}
