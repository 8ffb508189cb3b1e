async function up(knex) {
  await knex.schema.createTable('tags', (t) => {
    t.increments();
  });
}

async function down() {
  // do nothing
}

module.exports = { up, down };
