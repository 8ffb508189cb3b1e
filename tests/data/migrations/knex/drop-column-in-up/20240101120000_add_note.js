exports.up = function (knex) {
  return knex.schema.table('users', function (table) {
    table.dropColumn('legacy_token');
  });
};

exports.down = function (knex) {
  return knex.schema.table('users', function (table) {
    table.string('legacy_token');
  });
};
