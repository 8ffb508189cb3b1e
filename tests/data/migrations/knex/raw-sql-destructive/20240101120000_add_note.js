const TABLE = 'sessions';

exports.up = async (knex) => {
  await knex.raw('ALTER TABLE users DROP COLUMN last_ip');
  await knex.raw(`DELETE FROM ${TABLE} WHERE expired = true`);
};

exports.down = async (knex) => {
  await knex.raw('ALTER TABLE users ADD COLUMN last_ip text');
};
