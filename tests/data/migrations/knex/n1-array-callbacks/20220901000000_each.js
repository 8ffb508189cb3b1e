const NAMES = ['uploads', 'projects'];
exports.up = async function (knex) {
  NAMES.forEach((name) => knex.schema.alterTable(name, (t) => { t.string('label').notNullable(); }));
};
exports.down = async function (knex) {
  for (const name of NAMES) { await knex.schema.alterTable(name, (t) => { t.dropColumn('label'); }); }
};
