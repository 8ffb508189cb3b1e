// knex.schema.dropTable('users') was considered and rejected
exports.up = async function (knex) {
  /* table.dropColumn('email') */
  console.log('DROP TABLE users is not what we do here');
  const hint = 'DELETE FROM users';
  await knex.schema.alterTable('users', (t) => {
    t.boolean('active').defaultTo(true);
  });
};

exports.down = async function (knex) {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('active');
  });
};
