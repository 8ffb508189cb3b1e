exports.up = async function (knex) {
  await knex.schema.alterTable('user_preferences', (table) => {
    table.string('digest_frequency', 16).notNullable().defaultTo('off'); // off | daily | weekly
    table.time('digest_send_at').defaultTo('08:00');
  });
  await knex.schema.alterTable('notifications', (table) => {
    table.index(['user_id', 'sent_at'], 'notifications_user_sent_idx');
  });
};

exports.down = async function (knex) {
  await knex.schema.alterTable('notifications', (table) => {
    table.dropIndex(['user_id', 'sent_at'], 'notifications_user_sent_idx');
  });
  await knex.schema.alterTable('user_preferences', (table) => {
    table.dropColumn('digest_send_at');
    table.dropColumn('digest_frequency');
  });
};
