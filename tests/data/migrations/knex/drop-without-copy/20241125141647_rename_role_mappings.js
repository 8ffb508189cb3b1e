export async function up(knex) {
  const existing = await knex('saml_role_mappings');
  console.log(`dropping ${existing.length} mappings`);
  await knex.schema.dropTable('saml_role_mappings');
}

export async function down(knex) {
  await knex.schema.createTable('saml_role_mappings', (table) => {
    table.uuid('id').primary();
  });
}
