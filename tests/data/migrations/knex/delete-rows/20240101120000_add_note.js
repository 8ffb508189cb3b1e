exports.up = async (knex) => {
  await knex('settings').where({ key: 'legacy_mode' }).del();
  await knex('audit_log').truncate();
};

exports.down = async (knex) => {
  await knex('settings').insert({ key: 'legacy_mode', value: 'off' });
};
