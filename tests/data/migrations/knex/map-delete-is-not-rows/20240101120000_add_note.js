const cache = new Map();

exports.up = async (knex) => {
  cache.delete('users');
  cache.clear();
  await knex.schema.alterTable('users', (t) => t.string('nickname'));
};

exports.down = async (knex) => {
  await knex.schema.alterTable('users', (t) => t.dropColumn('nickname'));
};
