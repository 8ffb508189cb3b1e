exports.up = function (knex) {
  return knex.schema.createTable('invoices', function (table) {
    table.increments('id');
    table.string('number', 32).notNullable();
  });
};

exports.down = function (knex) {
  return knex.schema.dropTableIfExists('invoices');
};
