const prefix = process.env.TABLE_PREFIX;

exports.up = async function (knex) {
  await knex.schema.dropTable(`${prefix}_sessions`);
  const name = getName();
  await knex.schema.table(name, (t) => {
    t.dropColumn('legacy');
  });
};

exports.down = async function (knex) {
  await knex.schema.createTable(`${prefix}_sessions`, (t) => t.increments());
};
