exports.up = function (knex) {
  return knex.schema.alterTable('orders', (table) => {
    table.string('note');
  });
};

exports.down = () => {};
