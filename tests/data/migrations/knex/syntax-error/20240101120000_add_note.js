exports.up = function (knex) {
  return knex.schema.createTable('x', (t) => {
    t.increments(;
  });
};
exports.down = function (knex) {
  return knex.schema.dropTable('x');
};
