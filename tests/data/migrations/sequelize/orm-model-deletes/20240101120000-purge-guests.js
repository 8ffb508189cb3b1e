const { User, Session } = require('../models');

module.exports = {
  async up(queryInterface) {
    await User.destroy({ where: { role: 'guest' } });
    await Session.query().delete();
    const cache = new Map();
    cache.delete('x');
  },
  async down() {},
};
